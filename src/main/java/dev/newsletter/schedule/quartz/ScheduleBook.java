package dev.newsletter.schedule.quartz;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.config.SchedulerSettings;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.schedule.DaemonStatus;
import dev.newsletter.schedule.Durations;
import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.IssuePaths;
import dev.newsletter.schedule.LastFiring;
import dev.newsletter.schedule.ScheduleView;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * What the {@code schedule} commands do: list, add and remove schedules in the store, whether or
 * not a daemon is running (a running daemon sees changes within its idle wait).
 */
public final class ScheduleBook implements AutoCloseable {
    private static final Pattern ONCE_ID = Pattern.compile(Pattern.quote(ScheduleKeys.ONCE_PREFIX) + "(\\d+)");

    private final Config config;
    private final Clock clock;
    private final SchedulerStore store;

    private ScheduleBook(Config config, Clock clock, SchedulerStore store) {
        this.config = config;
        this.clock = clock;
        this.store = store;
    }

    /**
     * Opens the configured store.
     *
     * @throws SchedulerUnavailableException when it cannot be opened
     */
    public static ScheduleBook open(Config config, Map<String, String> env, Clock clock, SchedulerTuning tuning) {
        return new ScheduleBook(config, clock, SchedulerStore.open(config, env, tuning));
    }

    public String storeDescription() {
        return store.description();
    }

    /** Every schedule: the config's, the one-shots, handed-on sends, and one-shots that already fired. */
    public List<ScheduleView> list() {
        Instant now = clock.instant();
        List<ConfiguredSchedule> configured = ConfiguredSchedules.of(config, clock.getZone(), now);
        Map<String, LastFiring> last = new HashMap<>();
        store.outcomes().all().forEach(l -> last.put(l.scheduleId(), l));
        Map<String, ScheduleView> views = new HashMap<>();
        Scheduler scheduler = store.scheduler();
        try {
            Map<String, Trigger> stored = new HashMap<>();
            for (Trigger trigger : store.triggers()) {
                stored.put(trigger.getKey().getGroup() + "\n" + trigger.getKey().getName(), trigger);
            }
            for (ConfiguredSchedule schedule : configured) {
                Trigger trigger = stored.remove(ScheduleKeys.CONFIG_GROUP + "\n" + schedule.id());
                Optional<Instant> next;
                String note;
                if (trigger != null && ScheduleSync.sameSchedule(trigger, schedule)) {
                    next = nextOf(trigger);
                    note = stateNote(scheduler, trigger);
                } else {
                    next = Crons.nextAfter(Crons.parse(schedule.cron(), schedule.zone()), now);
                    if (!store.persistent()) {
                        note = "";
                    } else if (trigger == null) {
                        note = "not in the store yet: the daemon adds it when it starts";
                    } else {
                        note = "changed in the config: the daemon applies it when it restarts";
                    }
                }
                views.put(
                        schedule.id(),
                        new ScheduleView(
                                schedule.id(),
                                Firing.CONFIG,
                                schedule.issue(),
                                schedule.list(),
                                "cron " + schedule.cron(),
                                schedule.zone(),
                                next,
                                Optional.ofNullable(last.get(schedule.id())),
                                note));
            }
            for (Trigger trigger : stored.values()) {
                ScheduleView view = storedView(scheduler, trigger, last);
                views.putIfAbsent(view.id(), view);
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot read the schedules", e);
        }
        for (LastFiring done : last.values()) {
            if (Firing.ONCE.equals(done.source()) && !views.containsKey(done.scheduleId())) {
                views.put(
                        done.scheduleId(),
                        new ScheduleView(
                                done.scheduleId(),
                                Firing.ONCE,
                                done.issue(),
                                done.list(),
                                "once",
                                clock.getZone(),
                                Optional.empty(),
                                Optional.of(done),
                                ""));
            }
        }
        List<ScheduleView> sorted = new ArrayList<>(views.values());
        sorted.sort(Comparator.comparing((ScheduleView v) -> v.next().orElse(Instant.MAX))
                .thenComparing(ScheduleView::id));
        return sorted;
    }

    private ScheduleView storedView(Scheduler scheduler, Trigger trigger, Map<String, LastFiring> last)
            throws SchedulerException {
        JobDataMap data = trigger.getJobDataMap();
        JobDetail job = scheduler.getJobDetail(trigger.getJobKey());
        String issue = job == null ? "?" : job.getJobDataMap().getString(ScheduleKeys.ISSUE);
        String list = job == null ? "?" : job.getJobDataMap().getString(ScheduleKeys.LIST);
        String id = trigger.getKey().getName();
        ZoneId zone =
                data.containsKey(ScheduleKeys.ZONE) ? ZoneId.of(data.getString(ScheduleKeys.ZONE)) : clock.getZone();
        String origin = data.containsKey(ScheduleKeys.ORIGIN) ? data.getString(ScheduleKeys.ORIGIN) : id;
        String group = trigger.getKey().getGroup();
        String source;
        String when;
        String note = stateNote(scheduler, trigger);
        if (ScheduleKeys.ONCE_GROUP.equals(group)) {
            source = Firing.ONCE;
            when = "once";
        } else if (ScheduleKeys.RESUME_GROUP.equals(group)) {
            source = "resume";
            when = "rest of " + origin;
            note = join(note, "finishes the interrupted firing of " + origin);
        } else if (Scheduler.DEFAULT_RECOVERY_GROUP.equals(group)) {
            source = "recovery";
            when = "recovery of " + origin;
            note = join(note, "a daemon died while sending; this finishes the send");
        } else {
            source = Firing.CONFIG;
            when = trigger instanceof org.quartz.CronTrigger cron ? "cron " + cron.getCronExpression() : group;
            note = join(note, "no longer in the config: the daemon removes it when it restarts");
        }
        return new ScheduleView(
                id, source, issue, list, when, zone, nextOf(trigger), Optional.ofNullable(last.get(origin)), note);
    }

    private static String stateNote(Scheduler scheduler, Trigger trigger) throws SchedulerException {
        return switch (scheduler.getTriggerState(trigger.getKey())) {
            case PAUSED -> "paused";
            case BLOCKED -> "waiting: another firing of the same issue and list is running";
            case ERROR -> "in error: see the daemon's log";
            default -> "";
        };
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    private static Optional<Instant> nextOf(Trigger trigger) {
        Date next = trigger.getNextFireTime();
        return next == null ? Optional.empty() : Optional.of(next.toInstant());
    }

    /**
     * Adds a one-shot send of {@code issueFile} (relative to the working folder) at {@code at}.
     * The issue and the list are checked first, as {@code send} would; a time in the past is
     * refused.
     *
     * @param zone the zone to show its time in
     * @param asked when the user asked (a time before it is refused as past)
     * @throws InvalidInputException for a bad issue, list or time, or with the memory store
     */
    public ScheduleView addOnce(Path issueFile, String listOption, Instant at, ZoneId zone, Instant asked) {
        if (!store.persistent()) {
            throw InvalidInputException.of(Problem.inFile(
                    config.file(),
                    "scheduler.store is memory, which keeps nothing between processes: one-shot sends need"
                            + " scheduler.store: embedded (or postgres)"));
        }
        if (at.isBefore(asked.minusSeconds(1))) {
            throw InvalidInputException.of(Problem.inFile(
                    Path.of("--at"),
                    Durations.time(at, zone) + " is in the past (now: " + Durations.time(asked, zone) + ")"));
        }
        Project project = Project.load(config, issueFile);
        String list = project.list(listOption);
        project.recipients(list);
        String issue = IssuePaths.fromCommandLine(config, issueFile);
        JobDetail job = ScheduleSync.job(issue, list);
        Scheduler scheduler = store.scheduler();
        for (int attempt = 1; ; attempt++) {
            TriggerKey key = ScheduleKeys.onceTrigger(nextOnceNumber());
            Trigger trigger = TriggerBuilder.newTrigger()
                    .withIdentity(key)
                    .forJob(job.getKey())
                    .startAt(Date.from(at))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                    .usingJobData(ScheduleKeys.KIND, ScheduleKeys.ONCE_GROUP)
                    .usingJobData(ScheduleKeys.ORIGIN, key.getName())
                    .usingJobData(ScheduleKeys.SOURCE, Firing.ONCE)
                    .usingJobData(ScheduleKeys.ZONE, zone.getId())
                    .build();
            try {
                scheduler.addJob(job, true, true);
                scheduler.scheduleJob(trigger);
                return new ScheduleView(
                        key.getName(), Firing.ONCE, issue, list, "once", zone, Optional.of(at), Optional.empty(), "");
            } catch (ObjectAlreadyExistsException e) {
                // another command took the same number a moment ago: take the next
            } catch (SchedulerException e) {
                if (attempt >= 3) {
                    throw new SchedulerUnavailableException("cannot store the one-shot send", e);
                }
            }
            if (attempt >= 10) {
                throw new SchedulerUnavailableException("cannot find a free id for the one-shot send", null);
            }
        }
    }

    /** One past the highest {@code once-N} in the store or among kept outcomes, so ids are never reused while visible. */
    private int nextOnceNumber() {
        int max = 0;
        try {
            for (TriggerKey key : store.scheduler().getTriggerKeys(GroupMatcher.anyGroup())) {
                max = Math.max(max, onceNumber(key.getName()));
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot read the schedules", e);
        }
        for (LastFiring last : store.outcomes().all()) {
            max = Math.max(max, onceNumber(last.scheduleId()));
        }
        return max + 1;
    }

    private static int onceNumber(String id) {
        Matcher m = ONCE_ID.matcher(id);
        return m.matches() && m.group(1).length() < 9 ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Removes a schedule that is not in the config (a one-shot, a handed-on send), or the record
     * of a one-shot that already fired.
     *
     * @return a line for the user saying what was removed
     * @throws InvalidInputException for a config schedule or an unknown id
     */
    public String remove(String id) {
        Instant now = clock.instant();
        for (ConfiguredSchedule schedule : ConfiguredSchedules.of(config, clock.getZone(), now)) {
            if (schedule.id().equals(id)) {
                throw InvalidInputException.of(Problem.inFile(
                        Path.of(id),
                        "this schedule comes from the config (" + schedule.where()
                                + "): delete it there and restart the daemon"));
            }
        }
        Scheduler scheduler = store.scheduler();
        try {
            for (String group : List.of(
                    ScheduleKeys.ONCE_GROUP,
                    ScheduleKeys.RESUME_GROUP,
                    Scheduler.DEFAULT_RECOVERY_GROUP,
                    ScheduleKeys.CONFIG_GROUP)) {
                TriggerKey key = TriggerKey.triggerKey(id, group);
                Trigger trigger = scheduler.getTrigger(key);
                if (trigger != null) {
                    boolean running = store.outcomes().all().stream()
                            .anyMatch(l -> l.scheduleId().equals(id) && l.result() == FiringOutcome.Result.RUNNING);
                    scheduler.unscheduleJob(key);
                    if (!ScheduleKeys.RESUME_GROUP.equals(group)) {
                        store.outcomes().remove(id);
                    }
                    Date next = trigger.getNextFireTime();
                    return "Removed " + id
                            + (next == null
                                    ? ""
                                    : " (it was due " + Durations.time(next.toInstant(), clock.getZone()) + ")")
                            + (running ? "; it is firing now, and that send goes on" : "") + ".";
                }
            }
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot remove " + id, e);
        }
        if (store.outcomes().remove(id)) {
            return "Removed the record of " + id + ", which had already fired.";
        }
        throw InvalidInputException.of(
                Problem.inFile(Path.of(id), "no schedule has this id; ./newsletter schedule list shows them"));
    }

    /** Which daemons are running for this project, as far as the store tells. */
    public DaemonStatus daemons() {
        SchedulerSettings.Store kind = store.kind();
        if (kind == SchedulerSettings.Store.MEMORY) {
            return new DaemonStatus(false, List.of());
        }
        if (kind == SchedulerSettings.Store.EMBEDDED) {
            return new DaemonStatus(
                    true,
                    DaemonLock.holder(DaemonLock.file(config.varDir())).stream().toList());
        }
        return new DaemonStatus(true, store.clusterMembers(clock.instant()));
    }

    @Override
    public void close() {
        store.close();
    }
}
