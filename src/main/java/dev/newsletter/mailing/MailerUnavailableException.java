package dev.newsletter.mailing;

/** Sending cannot go on for anyone (auth, TLS, sender refused, server unreachable): stop the run. */
public final class MailerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public MailerUnavailableException(String message) {
        super(message);
    }
}
