package dev.newsletter.schedule;

import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daemon's sends, free of Quartz: every firing passes the misfire rule and the pre-send gate,
 * then sends as {@code ./newsletter send} does ({@link #runner}); and when the daemon starts, each
 * configured schedule is tried the way a firing will ({@link #preflight}).
 */
public final class ScheduledSends {
    private final IssueSending sending;
    private final Clock clock;
    private final DaemonLog log;

    private ScheduledSends(IssueSending sending, Clock clock, DaemonLog log) {
        this.sending = sending;
        this.clock = clock;
        this.log = log;
    }

    /** Sends behind the pre-send gate of {@code ./newsletter check}, as {@code ./newsletter send} does. */
    public static ScheduledSends of(Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        return new ScheduledSends(new IssueSending(config, env, clock), clock, log);
    }

    /** What runs each firing, keeping its outcome in {@code outcomes} under the daemon's {@code instance} name. */
    public FiringRunner runner(MisfireRule rule, OutcomeStore outcomes, SchedulerTuning tuning, String instance) {
        return new FiringRunner(sending, rule, outcomes, log, clock, tuning, instance);
    }

    /**
     * Tries each configured schedule the way a firing will (the pre-send gate, then a dry run of one
     * message: the issue, templates, list and secrets are checked, nothing is sent or recorded) and
     * warns now about what would make it fail, rather than at 09:00 on Monday. The daemon starts
     * anyway: the files may well be fixed before the firing.
     */
    public void preflight(List<ConfiguredSchedule> schedules) {
        Set<String> checked = new HashSet<>();
        for (ConfiguredSchedule schedule : schedules) {
            if (!checked.add(schedule.issue() + "\n" + schedule.list())) {
                continue;
            }
            try {
                sending.tryOut(schedule.issue(), schedule.list());
            } catch (InvalidInputException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: "
                        + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
            } catch (RuntimeException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: " + e);
            }
        }
    }
}
