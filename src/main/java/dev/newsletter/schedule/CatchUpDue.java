package dev.newsletter.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The due time of a firing that Quartz collapsed from missed ones ("fire once now"): the latest
 * time the schedule would have fired at or before the scheduled time, and after its previous
 * firing. For an on-time firing that is the scheduled time itself; for a catch-up, the last one
 * missed, which the {@link MisfireRule} then judges.
 */
public final class CatchUpDue {
    private CatchUpDue() {}

    /**
     * The latest time at or before {@code at} and strictly after {@code after}, given the
     * schedule's "next time after". Searches backwards from {@code at} in doubling windows, then
     * walks forward, so a schedule that fires every second over a long outage costs a few dozen
     * evaluations, not millions.
     */
    public static Optional<Instant> latest(Function<Instant, Optional<Instant>> nextAfter, Instant at, Instant after) {
        Optional<Instant> first = nextAfter.apply(after);
        if (first.isEmpty() || first.get().isAfter(at)) {
            return Optional.empty();
        }
        Instant from = first.get();
        for (long window = 1000; ; window *= 2) {
            Instant start = at.minusMillis(window);
            if (!start.isAfter(from)) {
                break;
            }
            Optional<Instant> found = nextAfter.apply(start);
            if (found.isPresent() && !found.get().isAfter(at)) {
                from = found.get();
                break;
            }
        }
        Instant last = from;
        for (Optional<Instant> next = nextAfter.apply(last);
                next.isPresent() && !next.get().isAfter(at);
                next = nextAfter.apply(last)) {
            last = next.get();
        }
        return Optional.of(last);
    }
}
