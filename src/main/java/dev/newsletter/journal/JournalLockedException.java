package dev.newsletter.journal;

import java.nio.file.Path;

/** Another process is sending this issue to this list right now. */
public final class JournalLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalLockedException(Path journal) {
        super("another send of this issue to this list is running (journal " + journal + " is locked)");
    }

    private JournalLockedException(String message) {
        super(message);
    }

    /** Another process is sending this issue to one of its lists ({@link IssueSendLock}). */
    static JournalLockedException ofIssue(Path folder) {
        return new JournalLockedException("another send of this issue to this list is running, or to another of"
                + " its lists, which would mail whoever is on both (the journals in " + folder + " are locked)");
    }
}
