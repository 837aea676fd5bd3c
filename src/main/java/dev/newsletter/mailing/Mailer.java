package dev.newsletter.mailing;

/**
 * One open connection to an SMTP server, used for many messages by one worker. Implementations
 * reconnect by themselves after a broken connection; they never throw for a single recipient's
 * failure (that is a {@link DeliveryResult}), only when the connection cannot be had (retry later)
 * or the whole run must stop.
 */
public interface Mailer extends AutoCloseable {

    /**
     * Sends one message, its bytes as they are, and returns the server's answer.
     *
     * @param dataEnd called once the message's data is written, right before the final dot: from
     *     then on the server may have the message, so the caller journals its attempt there
     * @throws ConnectionUnavailableException when no connection could be opened (refused, timed
     *     out, 421 at the greeting): nothing was sent; try again after a pause
     * @throws MailerUnavailableException when no message can be sent at all (authentication
     *     refused, TLS required but unavailable, the server refuses the sender or the message
     *     itself): stop the run
     */
    DeliveryResult send(OutgoingMessage message, DataEnd dataEnd);

    /** Sends without caring when the data ends. */
    default DeliveryResult send(OutgoingMessage message) {
        return send(message, () -> {});
    }

    @Override
    void close();

    /** Opens mailers, one per worker. */
    @FunctionalInterface
    interface Factory {
        Mailer open();
    }

    /** Told right before the final dot of a message goes out. */
    @FunctionalInterface
    interface DataEnd {
        void beforeFinalDot();
    }
}
