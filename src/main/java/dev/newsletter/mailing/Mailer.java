package dev.newsletter.mailing;

/**
 * One open connection to an SMTP server, used for many messages by one worker. Implementations
 * reconnect by themselves after a broken connection; they never throw for a single recipient's
 * failure (that is a {@link DeliveryResult}), only when the whole run must stop.
 */
public interface Mailer extends AutoCloseable {

    /**
     * Sends one message and returns the server's answer.
     *
     * @throws MailerUnavailableException when no message can be sent at all (authentication
     *     refused, TLS required but unavailable, the server refuses the sender): stop the run
     */
    DeliveryResult send(Letter letter);

    @Override
    void close();

    /** Opens mailers, one per worker. */
    @FunctionalInterface
    interface Factory {
        Mailer open();
    }
}
