package dev.newsletter.config;

/**
 * {@code check:} — thresholds of {@code ./newsletter check}.
 *
 * @param spamThreshold {@code check --spam} fails when SpamAssassin scores the message above this
 *     (SpamAssassin's own default for "spam" is 5.0)
 */
public record CheckSettings(Double spamThreshold) {
    public static final double DEFAULT_SPAM_THRESHOLD = 5.0;

    public CheckSettings {
        spamThreshold = spamThreshold == null ? DEFAULT_SPAM_THRESHOLD : spamThreshold;
    }

    public static CheckSettings defaults() {
        return new CheckSettings(null);
    }
}
