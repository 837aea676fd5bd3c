package dev.newsletter.bounce;

/** What a message in the bounce mailbox is about, and what {@code --apply} will do for it. */
public enum Kind {
    /** The address itself is bad: no such user, no such domain, moved. */
    HARD_BOUNCE("hard-bounce", "suppress"),
    /** Delivery failed for a reason that is not the address's fault (full, too big, policy, spam, expired). */
    SOFT_BOUNCE("soft-bounce", "count"),
    /** A spam complaint (an ARF feedback report) from the reader's mailbox provider. */
    COMPLAINT("complaint", "suppress"),
    /** A vacation or out-of-office reply: never a bounce. */
    AUTO_REPLY("auto-reply", "none"),
    /** A mailed unsubscribe ({@code Subject: unsubscribe-TOKEN}) with a valid token. */
    UNSUBSCRIBE("unsubscribe", "unsubscribe"),
    /** Anything else: a person's mail, spam, a forged or unreadable message. */
    OTHER("other", "none");

    private final String label;
    private final String action;

    Kind(String label, String action) {
        this.label = label;
        this.action = action;
    }

    /** The name in JSON and tables: {@code hard-bounce}, {@code soft-bounce}, … */
    public String label() {
        return label;
    }

    /** What {@code inbox scan --apply} does for this kind: {@code suppress}, {@code count}, {@code unsubscribe}, {@code none}. */
    public String action() {
        return action;
    }
}
