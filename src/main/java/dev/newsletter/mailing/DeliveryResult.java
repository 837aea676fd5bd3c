package dev.newsletter.mailing;

import java.util.regex.Pattern;

/**
 * The server's answer for one message: the outcome, the SMTP reply code (0 when there was no reply),
 * the enhanced status code (RFC 3463, empty when the server gave none) and the reply text, which
 * carries the relay's queue id.
 */
public record DeliveryResult(Outcome outcome, int code, String enhancedStatus, String reply) {
    // compiled once: every message's reply goes through enhancedStatusOf
    private static final Pattern SEPARATOR = Pattern.compile("[\\s-]");
    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public DeliveryResult {
        enhancedStatus = enhancedStatus == null ? "" : enhancedStatus;
        reply = reply == null ? "" : reply;
    }

    /** No reply: the connection broke or timed out. */
    public static DeliveryResult connectionFailed(String why) {
        return new DeliveryResult(Outcome.FAILED, 0, "", why);
    }

    /**
     * Classifies an SMTP reply code: 2xx accepted, 421 (the server closes the connection) failed,
     * other 4xx deferred, 5xx rejected.
     */
    public static DeliveryResult ofReply(int code, String reply) {
        Outcome outcome;
        if (code >= 200 && code < 300) {
            outcome = Outcome.ACCEPTED;
        } else if (code == 421) {
            outcome = Outcome.FAILED;
        } else if (code >= 400 && code < 500) {
            outcome = Outcome.DEFERRED;
        } else if (code >= 500 && code < 600) {
            outcome = Outcome.REJECTED;
        } else {
            outcome = Outcome.FAILED;
        }
        return new DeliveryResult(outcome, code, enhancedStatusOf(reply), reply == null ? "" : reply.strip());
    }

    /** The same reply, kept in the journal as not final (deferred): the run stopped on it. */
    public DeliveryResult notFinal() {
        return new DeliveryResult(Outcome.DEFERRED, code, enhancedStatus, reply);
    }

    /** A 5.1.x status (bad mailbox, bad domain): the address can be marked bounced. */
    public boolean isHardBounce() {
        return outcome == Outcome.REJECTED && enhancedStatus.startsWith("5.1.");
    }

    /** The {@code x.y.z} after the reply code, as in {@code 250 2.0.0 Ok: queued as 4F1}. */
    public static String enhancedStatusOf(String reply) {
        if (reply == null) {
            return "";
        }
        String[] words = SEPARATOR.split(reply.strip(), 3);
        return words.length >= 2 && STATUS.matcher(words[1]).matches() ? words[1] : "";
    }
}
