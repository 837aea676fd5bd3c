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

    private static final Status[] ALL = values();

    private final String label = name().toLowerCase(Locale.ROOT);

    public static Optional<Status> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (Status status : ALL) {
            if (status.label.equals(wanted)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return label;
    }
}
