package dev.newsletter.mailing;

/**
 * The journal cannot record any more (the disk is full, the file was deleted or replaced, it became
 * read-only): no message may go out that it cannot record, so the run stops, cleanly and without a
 * stack trace. The message says which file and what to do.
 */
public final class JournalUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JournalUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public JournalUnavailableException(String message) {
        super(message);
    }
}
