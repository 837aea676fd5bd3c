package dev.newsletter.schedule;

import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Progress;
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
    private final Config config;
    private final Map<String, String> env;
    private final Clock clock;
    private final DaemonLog log;
    private final PreSendGate gate;

    private ScheduledSends(Config config, Map<String, String> env, Clock clock, DaemonLog log, PreSendGate gate) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.log = log;
        this.gate = gate;
    }

    /** Sends behind the pre-send gate of {@code ./newsletter check}. */
    public static ScheduledSends checked(Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        return new ScheduledSends(config, env, clock, log, new CheckGate(env, clock));
    }

    /** Sends behind another gate (tests give one that fails). */
    public static ScheduledSends behind(
            PreSendGate gate, Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        return new ScheduledSends(config, env, clock, log, gate);
    }

    /** What runs each firing, keeping its outcome in {@code outcomes} under the daemon's {@code instance} name. */
    public FiringRunner runner(MisfireRule rule, OutcomeStore outcomes, SchedulerTuning tuning, String instance) {
        return new FiringRunner(
                new IssueSending(config, env, clock, gate), rule, outcomes, log, clock, tuning, instance);
    }

    /**
     * Tries each configured schedule the way a firing will (a dry run of one message: the issue,
     * templates, list and secrets are checked, nothing is sent or recorded) and warns now about what
     * would make it fail, rather than at 09:00 on Monday. The daemon starts anyway: the files may well
     * be fixed before the firing.
     */
    public void preflight(List<ConfiguredSchedule> schedules) {
        Set<String> checked = new HashSet<>();
        for (ConfiguredSchedule schedule : schedules) {
            if (!checked.add(schedule.issue() + "\n" + schedule.list())) {
                continue;
            }
            try {
                Project project = Project.load(config, IssuePaths.resolve(config, schedule.issue()));
                gate.check(project, schedule.list());
                new IssueSender(env, clock)
                        .send(
                                project,
                                new IssueSender.Request(schedule.list(), java.util.OptionalLong.of(1), true, true),
                                note -> {},
                                total -> Progress.none());
            } catch (InvalidInputException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: "
                        + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
            } catch (RuntimeException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: " + e);
            }
        }
    }
}
