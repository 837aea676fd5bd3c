package dev.newsletter.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One row of {@code schedule list}.
 *
 * @param id what {@code schedule remove} takes
 * @param source {@code config} (from {@code schedules:}), {@code once} (added with {@code schedule add}),
 *     {@code resume} (the rest of an interrupted send), {@code recovery} (a send whose daemon died)
 * @param when the schedule: {@code cron 0 0 9 ? * MON} or {@code once}
 * @param zone the zone its times are shown in
 * @param next the next firing, empty when it will not fire again
 * @param last its last firing, if any is kept
 * @param note what a person should know (not yet in the store, changed in the config, running now)
 */
public record ScheduleView(
        String id,
        String source,
        String issue,
        String list,
        String when,
        ZoneId zone,
        Optional<Instant> next,
        Optional<LastFiring> last,
        String note) {

    /** {@code Mon 2026-11-30 09:00:00 CET}, in the schedule's zone. */
    public static String format(Instant instant, ZoneId zone) {
        return Durations.time(instant, zone);
    }

    /** {@code 3h 12m}. */
    public static String format(java.time.Duration duration) {
        return Durations.human(duration);
    }
}
