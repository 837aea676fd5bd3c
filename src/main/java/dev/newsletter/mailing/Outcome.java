package dev.newsletter.mailing;

import java.util.Locale;

/** What happened to one message handed to SMTP. "Accepted" means the server took it, not that it was delivered. */
public enum Outcome {
    /** 2xx after DATA: the server took responsibility for the message. */
    ACCEPTED,
    /** 4xx: try again later. */
    DEFERRED,
    /** 5xx for this recipient: never retried for this issue. */
    REJECTED,
    /** The connection broke or timed out before a reply: retried on a new connection. */
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
