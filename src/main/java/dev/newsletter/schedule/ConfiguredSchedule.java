package dev.newsletter.schedule;

import dev.newsletter.subscriber.Segment;
import java.time.ZoneId;

/**
 * One validated entry of {@code schedules:}.
 *
 * @param id the schedule's id (its trigger's name), stable across restarts
 * @param issue the issue file as stored (see {@link IssuePaths})
 * @param list the list, the config's default list when the entry names none
 * @param cron the Quartz cron, with seconds
 * @param zone the time zone the cron is read in (the entry's, or the daemon's)
 * @param where where the entry is written, {@code config/newsletter.yaml:42:5}, for messages
 * @param segment which of the list's subscribers ({@code tags}, {@code where}); everyone by default
 */
public record ConfiguredSchedule(
        String id, String issue, String list, String cron, ZoneId zone, String where, Segment segment) {
    /** An entry for the whole list. */
    public ConfiguredSchedule(String id, String issue, String list, String cron, ZoneId zone, String where) {
        this(id, issue, list, cron, zone, where, Segment.everyone());
    }
}
