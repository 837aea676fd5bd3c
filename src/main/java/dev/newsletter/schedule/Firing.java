package dev.newsletter.schedule;

import java.time.Instant;

/**
 * One firing of a schedule, as the job sees it, free of Quartz types.
 *
 * @param scheduleId the schedule it belongs to (for a resumed or recovered send: the original's)
 * @param source {@link #CONFIG} or {@link #ONCE}: where the schedule comes from
 * @param kind why it fires
 * @param issue the issue file as stored (see {@link IssuePaths})
 * @param list the subscriber list
 * @param due when it was due: the latest missed time for a collapsed catch-up
 * @param scheduled when Quartz scheduled this execution (equals {@code due} unless it misfired)
 */
public record Firing(
        String scheduleId, String source, Kind kind, String issue, String list, Instant due, Instant scheduled) {
    public static final String CONFIG = "config";
    public static final String ONCE = "once";

    public enum Kind {
        /** A schedule's firing (or one a stopping daemon handed on before it sent anything): the misfire rule applies. */
        SCHEDULED,
        /** The rest of a send a stopping daemon interrupted: always finished. */
        RESUME,
        /** A send whose daemon died mid-send, recovered by Quartz: always finished. */
        RECOVERY
    }
}
