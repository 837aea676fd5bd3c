package dev.newsletter.mailing;

import dev.newsletter.config.SendingSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: attempt n waits about initial·2^(n-1), capped, ±25 % so workers do not retry in step. */
final class Backoff {
    private Backoff() {}

    static Duration after(int attempt, SendingSettings.Retry retry) {
        long initial = retry.initialBackoff().toMillis();
        long cap = retry.maxBackoff().toMillis();
        long base = attempt >= 31 ? cap : Math.min(cap, initial * (1L << (attempt - 1)));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.min(cap, Math.round(base * jitter)));
    }
}
