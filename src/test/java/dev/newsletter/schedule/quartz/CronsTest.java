package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.schedule.CatchUpDue;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

class CronsTest {
    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Test
    void readsTheCronInItsZone() {
        CronExpression monday9 = Crons.parse("0 0 9 ? * MON", AMSTERDAM);

        assertThat(Crons.nextAfter(monday9, Instant.parse("2026-11-27T12:00:00Z")))
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void aFiveFieldUnixCronGetsAHintWithTheQuartzSpelling() {
        assertThatThrownBy(() -> Crons.parse("0 9 * * MON", AMSTERDAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("five-field Unix cron")
                .hasMessageContaining("\"0 0 9 ? * MON\"");
    }

    @Test
    void aCronWithBothDayFieldsSaysWhatIsWrong() {
        assertThatThrownBy(() -> Crons.parse("0 0 9 * * MON", AMSTERDAM))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0 0 9 * * MON' is not a Quartz cron");
    }

    @Test
    void theLatestMissedWeeklyTimeIsFoundAfterALongOutage() {
        CronExpression monday9 = Crons.parse("0 0 9 ? * MON", AMSTERDAM);
        Instant lastFired = Instant.parse("2026-10-05T07:00:00Z");
        Instant now = Instant.parse("2026-11-30T08:20:00Z");

        assertThat(Crons.latestAtOrBefore(monday9, now, lastFired)).contains(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void aTimeExactlyAtAFireTimeIsThatFireTime() {
        CronExpression monday9 = Crons.parse("0 0 9 ? * MON", AMSTERDAM);
        Instant due = Instant.parse("2026-11-30T08:00:00Z");

        assertThat(Crons.latestAtOrBefore(monday9, due, due.minusSeconds(3600 * 24)))
                .contains(due);
    }

    @Test
    void nothingWasMissedWhenNoFireTimeFallsAfterThePreviousFiring() {
        CronExpression monday9 = Crons.parse("0 0 9 ? * MON", AMSTERDAM);
        Instant fired = Instant.parse("2026-11-30T08:00:00Z");

        assertThat(Crons.latestAtOrBefore(monday9, fired.plusSeconds(3600), fired))
                .isEmpty();
    }

    @Test
    void aCronFiringEverySecondFindsTheLatestMissedSecondQuickly() {
        CronExpression everySecond = Crons.parse("* * * * * ?", ZoneOffset.UTC);
        AtomicInteger lookups = new AtomicInteger();
        Instant now = Instant.parse("2026-11-30T08:00:00.400Z");

        assertThat(CatchUpDue.latest(
                        from -> {
                            lookups.incrementAndGet();
                            return Crons.nextAfter(everySecond, from);
                        },
                        now,
                        now.minusSeconds(30L * 24 * 3600)))
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
        // quickly: in steps, not by walking the 2.6 million seconds (counted, not timed: a loaded
        // machine must not fail it)
        assertThat(lookups).hasValueLessThan(50);
    }

    @Test
    void aDenseWindowLongAgoIsWalkedToItsLastSecond() {
        // every second from 09:00 to 09:59, missed at 15:00: the latest is 09:59:59
        CronExpression morning = Crons.parse("* * 9 * * ?", ZoneOffset.UTC);

        assertThat(Crons.latestAtOrBefore(
                        morning, Instant.parse("2026-11-30T15:00:00Z"), Instant.parse("2026-11-29T12:00:00Z")))
                .contains(Instant.parse("2026-11-30T09:59:59Z"));
    }

    @Test
    void findsTheMissedTimeAcrossTheAutumnClockChange() {
        CronExpression daily = Crons.parse("0 30 2 * * ?", AMSTERDAM);
        // 2026-10-25: 02:30 happens twice in Amsterdam (CEST, then CET); Quartz fires the first
        Instant now = Instant.parse("2026-10-25T12:00:00Z");

        assertThat(Crons.latestAtOrBefore(daily, now, Instant.parse("2026-10-24T12:00:00Z")))
                .hasValueSatisfying(
                        due -> assertThat(due.atZone(AMSTERDAM).toLocalTime().toString())
                                .isEqualTo("02:30"));
    }
}
