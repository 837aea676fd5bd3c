package dev.newsletter.mailing;

import java.util.Locale;

/** What happened to one message handed to SMTP. "Accepted" means the server took it, not that it was delivered. */
public enum Outcome {
    /** 2xx after DATA: the server took responsibility for the message. */
    ACCEPTED,
    /** 4xx: try again later (in this run after a backoff, and on the next run). */
    DEFERRED,
    /** 5xx for this recipient: never retried for this issue. */
    REJECTED,
    /**
     * The connection broke, timed out or answered 421 before a reply for this message: retried on a
     * new connection, and on the next run. Never final, never counted as the recipient's fault.
     */
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** Whether the recipient is finished for this issue (never sent again). */
    public boolean isFinal() {
        return this == ACCEPTED || this == REJECTED;
    }
}
