package dev.newsletter.mailing;

import java.util.Optional;

/**
 * Sending cannot go on for anyone (auth, TLS, sender or message refused): stop the run. When the
 * refusal came in answer to one message, {@link #inFlight()} is that message's result, journaled
 * as not final so the recipient is sent again on the next run.
 */
public final class MailerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DeliveryResult inFlight;

    public MailerUnavailableException(String message, Throwable cause) {
        this(message, cause, null);
    }

    public MailerUnavailableException(String message) {
        this(message, null, null);
    }

    public MailerUnavailableException(String message, Throwable cause, DeliveryResult inFlight) {
        super(message, cause);
        this.inFlight = inFlight;
    }

    public Optional<DeliveryResult> inFlight() {
        return Optional.ofNullable(inFlight);
    }
}
