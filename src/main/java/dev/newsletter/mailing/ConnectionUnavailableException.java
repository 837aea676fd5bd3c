package dev.newsletter.mailing;

/** No connection could be opened right now (refused, timed out, 421 at the greeting); nothing was sent. */
public final class ConnectionUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConnectionUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
