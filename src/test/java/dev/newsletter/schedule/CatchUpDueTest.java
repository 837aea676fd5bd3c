package dev.newsletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CatchUpDueTest {
    /** A schedule that fires on every full hour. */
    private static final Function<Instant, Optional<Instant>> HOURLY =
            after -> Optional.of(after.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));

    @Test
    void aCatchUpIsDueAtTheLastTimeMissed() {
        assertThat(CatchUpDue.latest(
                        HOURLY, Instant.parse("2026-11-30T10:30:00Z"), Instant.parse("2026-11-30T07:00:00Z")))
                .contains(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void anOnTimeFiringIsDueAtItsScheduledTime() {
        Instant scheduled = Instant.parse("2026-11-30T10:00:00Z");

        assertThat(CatchUpDue.latest(HOURLY, scheduled, scheduled.minus(Duration.ofHours(1))))
                .contains(scheduled);
    }

    @Test
    void nothingIsDueWhenTheScheduleDidNotFireSinceThePreviousFiring() {
        assertThat(CatchUpDue.latest(
                        HOURLY, Instant.parse("2026-11-30T10:30:00Z"), Instant.parse("2026-11-30T10:00:00Z")))
                .isEmpty();
    }
}
