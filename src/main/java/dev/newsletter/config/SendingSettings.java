package dev.newsletter.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code sending:} — pacing, retries, when to give up, and whether a relay send marks bounced and
 * suppresses the addresses its relay rejected as unknown (5.1.x, {@code suppressHardBounces}), and the
 * optional VERP envelope sender ({@code returnPath}).
 */
public record SendingSettings(
        Double ratePerSecond,
        Double ratePerHour,
        Retry retry,
        Integer maxErrors,
        Map<String, Rate> perDomain,
        Boolean suppressHardBounces,
        String returnPath) {

    public SendingSettings {
        ratePerSecond = ratePerSecond == null ? 0 : ratePerSecond;
        ratePerHour = ratePerHour == null ? 0 : ratePerHour;
        retry = retry == null ? Retry.defaults() : retry;
        maxErrors = maxErrors == null ? 1000 : maxErrors;
        perDomain = perDomain == null ? Map.of() : Map.copyOf(perDomain);
        suppressHardBounces = suppressHardBounces == null || suppressHardBounces;
        returnPath = returnPath == null ? "" : returnPath.strip();
    }

    /**
     * {@code sending.returnPath} (VERP, e.g. {@code bounces+{token}@example.org}), when set: the
     * envelope sender that carries a signed token per recipient. Checked when the config is read.
     */
    public java.util.Optional<ReturnPathTemplate> returnPathTemplate() {
        return returnPath.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(ReturnPathTemplate.parse(returnPath));
    }

    public static SendingSettings defaults() {
        return new SendingSettings(null, null, null, null, null, null, null);
    }

    /** {@code sending.retry:} — per recipient per run, for 4xx replies and connection failures. */
    public record Retry(Integer attempts, Duration initialBackoff, Duration maxBackoff) {
        public Retry {
            attempts = attempts == null ? 5 : attempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(2) : initialBackoff;
            maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        }

        public static Retry defaults() {
            return new Retry(null, null, null);
        }
    }
}
