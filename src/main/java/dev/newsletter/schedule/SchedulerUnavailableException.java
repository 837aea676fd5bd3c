package dev.newsletter.schedule;

/** The scheduler's store cannot be opened or used: the database is unreachable, refused us, or is broken. */
public final class SchedulerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchedulerUnavailableException(String message, Throwable cause) {
        super(cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
