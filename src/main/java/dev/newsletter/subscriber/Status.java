package dev.newsletter.subscriber;

import java.util.Locale;
import java.util.Optional;

/**
 * A subscriber's status in a list file ({@code status} column). Only {@link #ACTIVE} subscribers are
 * sent to. {@link #BOUNCED} (a hard bounce) and {@link #COMPLAINED} (a spam complaint) are set by
 * {@code inbox scan --apply}, which also suppresses the address.
 */
public enum Status {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    PENDING,
    COMPLAINED;

    public static Optional<Status> parse(String text) {
        for (Status status : values()) {
            if (status.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
