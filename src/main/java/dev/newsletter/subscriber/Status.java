package dev.newsletter.subscriber;

import java.util.Locale;
import java.util.Optional;

/** A subscriber's status in a list file ({@code status} column). Only {@link #ACTIVE} subscribers are sent to. */
public enum Status {
    ACTIVE,
    UNSUBSCRIBED,
    BOUNCED,
    PENDING;

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
