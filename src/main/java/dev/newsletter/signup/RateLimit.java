package dev.newsletter.signup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * At most {@code limit} events per key in a fixed window that opens with the key's first event
 * ({@code 3} confirmation mails per address per day, {@code 20} signups per client per hour).
 *
 * <p>The counters live in a Caffeine cache: each expires {@code window} after it was made, and there
 * are at most {@code maxKeys} of them, so an attacker who rotates addresses or client addresses grows
 * nothing without bound. When full, Caffeine's admission policy (W-TinyLFU) prefers keys seen often
 * over keys seen once, so a flood of one-off keys does not easily push out the counter of an address
 * under attack. A key that is pushed out starts again from zero: the limit is a brake, not a ledger.
 * (Bucket4j was considered: it gives token buckets, but the map of buckets per key, the part that must
 * stay bounded, would still be ours, or Caffeine.)
 */
final class RateLimit<K> {
    private final int limit;
    private final Cache<K, AtomicInteger> counters;

    /** @param nanoTime the clock of the windows ({@link System#nanoTime} but in tests) */
    RateLimit(int limit, Duration window, long maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        Ticker ticker = nanoTime::getAsLong;
        this.counters = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterWrite(window)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Counts one event for {@code key}; false when the key is at its limit. */
    boolean tryAcquire(K key) {
        return acquire(key) == Verdict.ALLOWED;
    }

    /** What one more event for a key is. */
    enum Verdict {
        ALLOWED,
        /** The first event over the limit in this window: the one worth a log line. */
        FIRST_REFUSED,
        REFUSED
    }

    /** Counts one event for {@code key} (the count stops one past the limit, so it never overflows). */
    Verdict acquire(K key) {
        AtomicInteger count = counters.get(key, k -> new AtomicInteger());
        while (true) {
            int now = count.get();
            if (now > limit) {
                return Verdict.REFUSED;
            }
            if (count.compareAndSet(now, now + 1)) {
                return now < limit ? Verdict.ALLOWED : Verdict.FIRST_REFUSED;
            }
        }
    }

    /** How many keys are counted now (for tests). */
    long keys() {
        counters.cleanUp();
        return counters.estimatedSize();
    }
}
