package dev.newsletter.config;

/** {@code unsubscribe:} — the environment variable holding the HMAC secret, and an optional mailto address. */
public record UnsubscribeSettings(String secretEnv, String mailto) {
    public UnsubscribeSettings {
        secretEnv = secretEnv == null ? "NEWSLETTER_UNSUBSCRIBE_SECRET" : secretEnv;
        mailto = mailto == null ? "" : mailto;
    }

    public static UnsubscribeSettings defaults() {
        return new UnsubscribeSettings(null, null);
    }
}
