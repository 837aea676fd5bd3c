package dev.newsletter.journal;

import java.nio.file.Path;

/** Another process is sending this issue to this list right now. */
public final class JournalLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalLockedException(Path journal) {
        super("another send of this issue to this list is running (journal " + journal + " is locked)");
    }
}
