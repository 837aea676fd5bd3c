package dev.newsletter.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fixed windows per key, and a bounded number of keys whatever an attacker rotates. */
class RateLimitTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void threePerDayThenNoneUntilTheWindowEnds() {
        RateLimit<String> limit = new RateLimit<>(3, Duration.ofDays(1), 1000, nanos::get);

        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isTrue();
        assertThat(limit.tryAcquire("a")).isFalse();
        assertThat(limit.tryAcquire("b")).as("another key").isTrue();

        nanos.addAndGet(Duration.ofDays(1).toNanos());
        assertThat(limit.tryAcquire("a")).as("a new day").isTrue();
    }

    @Test
    void onlyTheFirstRefusalSaysSoAndTheCountNeverOverflows() {
        RateLimit<String> limit = new RateLimit<>(1, Duration.ofHours(1), 1000, nanos::get);

        assertThat(limit.acquire("a")).isEqualTo(RateLimit.Verdict.ALLOWED);
        assertThat(limit.acquire("a")).isEqualTo(RateLimit.Verdict.FIRST_REFUSED);
        for (int i = 0; i < 100_000; i++) {
            assertThat(limit.acquire("a")).isEqualTo(RateLimit.Verdict.REFUSED);
        }
    }

    @Test
    void aMillionRotatedKeysKeepAtMostTheCap() {
        RateLimit<String> limit = new RateLimit<>(3, Duration.ofDays(1), 10_000, nanos::get);

        for (int i = 0; i < 1_000_000; i++) {
            limit.tryAcquire("rotated-" + i + "@example.org");
        }

        assertThat(limit.keys()).isLessThanOrEqualTo(10_000);
    }
}
