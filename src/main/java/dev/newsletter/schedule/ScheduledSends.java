package dev.newsletter.schedule;

import dev.newsletter.app.Audience;
import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.check.SendGate;
import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.subscriber.Segment;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The daemon's sends, free of Quartz: every firing passes the misfire rule and the pre-send gate,
 * then sends as {@code ./newsletter send} does ({@link #runner}); and when the daemon starts, each
 * configured schedule is tried the way a firing will ({@link #preflight}).
 *
 * <p>A firing's send is the same {@link IssueSender} as {@code ./newsletter send}, after the same
 * {@link SendGate}, with the issue file read afresh at every firing (edits up to the send time count)
 * and recipients in doubt resent (at least once), as {@code send} does by default.
 */
public final class ScheduledSends {
    private final Config config;
    private final IssueSender sender;
    private final SendGate gate;
    private final Clock clock;
    private final DaemonLog log;
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();

    private ScheduledSends(Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        this.config = config;
        this.sender = new IssueSender(env, clock);
        this.gate = SendGate.blocking(env, clock);
        this.clock = clock;
        this.log = log;
    }

    /** Sends behind the pre-send gate of {@code ./newsletter check}, as {@code ./newsletter send} does. */
    public static ScheduledSends of(Config config, Map<String, String> env, Clock clock, DaemonLog log) {
        return new ScheduledSends(config, env, clock, log);
    }

    /**
     * The config's schedules, whose firings send to their segment ({@code tags}, {@code where}): a
     * firing of a config schedule finds its segment by the schedule's id.
     */
    public ScheduledSends configured(List<ConfiguredSchedule> schedules) {
        segments.clear();
        for (ConfiguredSchedule schedule : schedules) {
            segments.put(schedule.id(), schedule.segment());
        }
        return this;
    }

    /** What runs each firing, keeping its outcome in {@code outcomes} under the daemon's {@code instance} name. */
    public FiringRunner runner(MisfireRule rule, OutcomeStore outcomes, SchedulerTuning tuning, String instance) {
        return new FiringRunner(this::send, rule, outcomes, log, clock, tuning, instance);
    }

    /** The {@link FiringSender} of the daemon: the gate, then the send to everyone on the list. */
    private MailingReport send(
            Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress) {
        Project project = Project.load(config, IssuePaths.resolve(config, firing.issue()));
        gate.require(project, firing.list());
        Segment segment = segmentOf(firing);
        return sender.send(
                project,
                IssueSender.Request.everyoneIn(new Audience(List.of(firing.list()), segment)),
                stop,
                notes,
                progress);
    }

    /**
     * Whom a firing is for: a config schedule's segment, found by the schedule's id (which names its
     * segment); everyone for a one-off send.
     *
     * @throws InvalidInputException for a config firing (one handed on or recovered from an earlier
     *     run) whose schedule is no longer in the config: whom it was for is not known, so it sends
     *     to no one rather than to the whole list
     */
    private Segment segmentOf(Firing firing) {
        if (!Firing.CONFIG.equals(firing.source())) {
            return Segment.everyone();
        }
        Segment segment = segments.get(firing.scheduleId());
        if (segment == null) {
            throw InvalidInputException.of(Problem.inFile(
                    config.file(),
                    "the schedule " + firing.scheduleId() + " is no longer in the config (or its tags or where"
                            + " changed), so whom this firing was for is not known; nothing sent (to finish, send "
                            + firing.issue() + " to list '" + firing.list() + "' by hand, with the --tag and --where"
                            + " it was for)"));
        }
        return segment;
    }

    /**
     * Tries a schedule the way its firing will, sending nothing: the gate, then a dry run of one
     * message (the issue, templates, list and secrets are checked, nothing is sent or recorded).
     *
     * @throws InvalidInputException naming what would make the firing fail
     */
    private void tryOut(String issue, String list, Segment segment) {
        Project project = Project.load(config, IssuePaths.resolve(config, issue));
        gate.require(project, list);
        sender.send(
                project,
                IssueSender.Request.dryRunFor(new Audience(List.of(list), segment))
                        .limitedTo(1),
                new StopSignal(),
                note -> {},
                total -> Progress.none());
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
            if (!checked.add(schedule.issue() + "\n" + schedule.list() + "\n" + schedule.segment())) {
                continue;
            }
            try {
                tryOut(schedule.issue(), schedule.list(), schedule.segment());
            } catch (InvalidInputException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: "
                        + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
            } catch (RuntimeException e) {
                log.warn("[" + schedule.id() + "] would fail if it fired now: " + e);
            }
        }
    }
}
