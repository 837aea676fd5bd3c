package dev.newsletter.journal;

import java.nio.file.Path;

/** Another process is sending this issue to this list right now. */
public final class JournalLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean issueWide;

    public JournalLockedException(Path journal) {
        super("another send of this issue to this list is running (journal " + journal + " is locked)");
        this.issueWide = false;
    }

    private JournalLockedException(String message) {
        super(message);
        this.issueWide = true;
    }

    /** Whether the send holding the lock may be to another list of the issue, not only to this one. */
    public boolean issueWide() {
        return issueWide;
    }

    /** Another process is sending this issue to one of its lists ({@link IssueSendLock}). */
    public static JournalLockedException ofIssue(Path folder) {
        return new JournalLockedException("another send of this issue to this list is running, or to another of"
                + " its lists, which would mail whoever is on both (the journals in " + folder + " are locked)");
    }
}
