package dev.newsletter.mailing;

/**
 * The server's answer for one message: the outcome, the SMTP reply code (0 when there was no reply),
 * the enhanced status code (RFC 3463, empty when the server gave none) and the reply text, which
 * carries the relay's queue id.
 */
public record DeliveryResult(Outcome outcome, int code, String enhancedStatus, String reply) {

    public static DeliveryResult connectionFailed(String why) {
        return new DeliveryResult(Outcome.FAILED, 0, "", why);
    }

    /** Classifies an SMTP reply code: 2xx accepted, 4xx deferred, 5xx rejected. */
    public static DeliveryResult ofReply(int code, String reply) {
        Outcome outcome = code >= 200 && code < 300
                ? Outcome.ACCEPTED
                : code >= 400 && code < 500 ? Outcome.DEFERRED : code >= 500 ? Outcome.REJECTED : Outcome.FAILED;
        return new DeliveryResult(outcome, code, enhancedStatusOf(reply), reply == null ? "" : reply.strip());
    }

    /** The {@code x.y.z} after the reply code, as in {@code 250 2.0.0 Ok: queued as 4F1}. */
    static String enhancedStatusOf(String reply) {
        if (reply == null) {
            return "";
        }
        String[] words = reply.strip().split("[\\s-]", 3);
        return words.length >= 2 && words[1].matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? words[1] : "";
    }
}
