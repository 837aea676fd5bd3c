package dev.newsletter.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a firing that starts late: the one rule behind {@code scheduler.misfireGrace}.
 *
 * <p>A firing that starts within {@code onTime} of its due time is on time (the scheduler polls, a
 * JVM starts, a thread is busy: a few seconds are normal). Later than that but within {@code grace}
 * it is a catch-up: it runs, once. Later than the grace it is skipped, and the log says by how much
 * it was missed. Quartz collapses every missed firing of a schedule into one (misfire instruction
 * "fire once now"), and the due time of that firing is the latest one missed, so a daemon that was
 * down for a month catches up at most once per schedule, and only if the last missed time is within
 * the grace. A late firing due before the schedule's last firing started is covered by that one
 * (Quartz can still hand over a missed time after the catch-up for an older one has started).
 *
 * <p>A pure function of its inputs; the caller passes "now" from its {@link java.time.Clock}.
 */
public record MisfireRule(Duration grace, Duration onTime) {

    public MisfireRule {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(onTime, "onTime");
        if (grace.isNegative() || onTime.isNegative()) {
            throw new IllegalArgumentException("grace and onTime must not be negative");
        }
    }

    /** Decides for a firing due at {@code due} that starts at {@code now}. */
    public Decision decide(Instant due, Instant now) {
        return decide(due, now, Optional.empty());
    }

    /**
     * Decides for a firing due at {@code due} that starts at {@code now}, when the schedule's last
     * firing started at {@code lastStarted}.
     */
    public Decision decide(Instant due, Instant now, Optional<Instant> lastStarted) {
        Duration late = due.isBefore(now) ? Duration.between(due, now) : Duration.ZERO;
        if (late.compareTo(onTime) <= 0) {
            return new Decision(Verdict.ON_TIME, late);
        }
        if (late.compareTo(grace) <= 0) {
            boolean covered =
                    lastStarted.filter(started -> !started.isBefore(due)).isPresent();
            return new Decision(covered ? Verdict.COVERED : Verdict.CATCH_UP, late);
        }
        return new Decision(Verdict.SKIP, late);
    }

    /** How long a firing may still start after its due time: the larger of the grace and on-time. */
    public Duration allowance() {
        return grace.compareTo(onTime) >= 0 ? grace : onTime;
    }

    public enum Verdict {
        /** Started within the on-time tolerance: run. */
        ON_TIME,
        /** Missed (the daemon was down or busy), but within the grace: run once now. */
        CATCH_UP,
        /** Missed, but a firing of the schedule started after it was due: that one covers it. */
        COVERED,
        /** Missed by more than the grace: do not send; log it. */
        SKIP
    }

    /** The verdict and how late the firing starts. */
    public record Decision(Verdict verdict, Duration late) {
        public boolean runs() {
            return verdict == Verdict.ON_TIME || verdict == Verdict.CATCH_UP;
        }
    }
}
