package dev.newsletter.schedule;

import java.time.Instant;
import java.util.Optional;

/**
 * The last firing of a schedule, as kept in the store: running now, or how it ended.
 *
 * @param scheduleId the schedule that fired (a resumed or recovered send counts for its schedule)
 * @param source {@code config} or {@code once}
 * @param due when the firing was due
 * @param started when it started
 * @param finished when it ended; empty while it runs (or if its daemon died)
 * @param result what happened, see {@link FiringOutcome.Result}
 * @param summary one line for people
 * @param instance the daemon that ran it
 */
public record LastFiring(
        String scheduleId,
        String source,
        String issue,
        String list,
        Instant due,
        Instant started,
        Optional<Instant> finished,
        FiringOutcome.Result result,
        String summary,
        String instance) {}
