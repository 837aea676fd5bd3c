package dev.newsletter.mailing;

/**
 * Monotonic time for pacing and backoff, in one named place so tests can swap it for a fake clock.
 * Waiting itself is done by {@link WorkQueue#pause}, which a stop interrupts.
 */
@FunctionalInterface
public interface Ticker {
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
