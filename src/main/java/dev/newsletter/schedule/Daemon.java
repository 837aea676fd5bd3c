package dev.newsletter.schedule;

import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The scheduling daemon behind {@code ./newsletter run}: Quartz on the configured store, firing
 * the config's schedules and the one-shot sends added with {@code schedule add}, each through the
 * same send as {@code ./newsletter send}.
 *
 * <p>Made to be started and stopped in-process ({@link #start}, {@link #stop}): the command wires
 * {@link #stop} to SIGTERM, tests call it directly. The stop is graceful: no new firings, running
 * sends finish their messages in flight and are journaled, interrupted firings are handed on, then
 * Quartz shuts down.
 */
public final class Daemon {
    private final SchedulerStore store;
    private final FiringRunner runner;
    private final DaemonLog log;
    private final SchedulerTuning tuning;
    private final DaemonLock lock;
    private final String instance;
    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Daemon(
            SchedulerStore store,
            FiringRunner runner,
            DaemonLog log,
            SchedulerTuning tuning,
            DaemonLock lock,
            String instance,
            Clock clock) {
        this.clock = clock;
        this.store = store;
        this.runner = runner;
        this.log = log;
        this.tuning = tuning;
        this.lock = lock;
        this.instance = instance;
    }

    /**
     * Validates the config's schedules, opens the store, puts the schedules in it and starts firing.
     *
     * @throws InvalidInputException for a bad schedule, or when another daemon runs for this project
     * @throws SchedulerUnavailableException when the store cannot be opened
     */
    public static Daemon start(
            Config config, Map<String, String> env, Clock clock, DaemonLog log, SchedulerTuning tuning) {
        List<ConfiguredSchedule> schedules = ConfiguredSchedules.of(config, clock.getZone(), clock.instant());
        DaemonLock lock = config.scheduler().store() == dev.newsletter.config.SchedulerSettings.Store.POSTGRES
                ? null
                : DaemonLock.acquire(
                        DaemonLock.file(config.varDir()),
                        ProcessHandle.current().pid(),
                        Daemon::pause);
        SchedulerStore store = null;
        try {
            store = SchedulerStore.open(config, env, tuning);
            Scheduler scheduler = store.scheduler();
            String instance = store.clustered() ? scheduler.getSchedulerInstanceId() : host();
            MisfireRule rule = new MisfireRule(config.scheduler().misfireGrace(), store.onTime());
            IssueSending sending = new IssueSending(config, env, clock);
            FiringRunner runner = new FiringRunner(sending, rule, store.outcomes(), log, clock, tuning, instance);
            scheduler.setJobFactory(new SendJobFactory(runner, clock));
            preflight(sending, log, schedules);
            ScheduleSync.Result sync = ScheduleSync.sync(scheduler, schedules, clock.instant());
            store.outcomes()
                    .retainConfig(schedules.stream().map(ConfiguredSchedule::id).collect(Collectors.toSet()));
            Daemon daemon = new Daemon(store, runner, log, tuning, lock, instance, clock);
            scheduler.start();
            daemon.logStarted(config, sync);
            return daemon;
        } catch (SchedulerException e) {
            closeQuietly(store, lock);
            throw new SchedulerUnavailableException("cannot start the scheduler", e);
        } catch (RuntimeException e) {
            closeQuietly(store, lock);
            throw e;
        }
    }

    /**
     * Tries each configured schedule the way a firing will (a dry run of one message: the issue,
     * templates, list and secrets are checked, nothing is sent or recorded) and warns now about what
     * would make it fail, rather than at 09:00 on Monday. The daemon starts anyway: the files may well
     * be fixed before the firing.
     */
    private static void preflight(IssueSending sending, DaemonLog log, List<ConfiguredSchedule> schedules) {
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

    private void logStarted(Config config, ScheduleSync.Result sync) throws SchedulerException {
        log.info("scheduler started: store " + store.description() + ", instance " + instance + ", misfireGrace "
                + Durations.human(config.scheduler().misfireGrace()));
        List<String> changes = new ArrayList<>();
        if (!sync.added().isEmpty()) {
            changes.add("added " + String.join(", ", sync.added()));
        }
        if (!sync.changed().isEmpty()) {
            changes.add("changed (starting afresh) " + String.join(", ", sync.changed()));
        }
        if (!sync.removed().isEmpty()) {
            changes.add("removed (no longer in the config) " + String.join(", ", sync.removed()));
        }
        if (!sync.kept().isEmpty()) {
            changes.add("kept " + String.join(", ", sync.kept()));
        }
        log.info("config schedules: " + (changes.isEmpty() ? "none" : String.join("; ", changes)));
        Scheduler scheduler = store.scheduler();
        List<Trigger> triggers = new ArrayList<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyGroup())) {
            Trigger trigger = scheduler.getTrigger(key);
            if (trigger != null) {
                triggers.add(trigger);
            }
        }
        triggers.sort(
                Comparator.comparing(Trigger::getNextFireTime, Comparator.nullsLast(Comparator.<Date>naturalOrder())));
        if (triggers.isEmpty()) {
            log.info(
                    "nothing scheduled: add schedules to the config, or one-shot sends with ./newsletter schedule add");
        }
        for (Trigger trigger : triggers) {
            Date next = trigger.getNextFireTime();
            log.info("[" + trigger.getKey().getName() + "] next firing: "
                    + (next == null ? "none" : Durations.time(next.toInstant(), zoneOf(trigger))));
        }
    }

    /**
     * Stops gracefully, once; later calls wait for the first. Takes no new firings; asks running
     * sends to stop taking recipients and waits (up to the tuning's stop timeout) for their
     * messages in flight; hands interrupted firings on; shuts Quartz down.
     */
    public void stop(String reason) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            log.info("stopping (" + reason + "): no new firings; running sends finish their messages in flight");
            long standbyAt = System.nanoTime();
            store.scheduler().standby();
            // Quartz may still hand over a trigger it acquired just before the standby (it looks
            // ahead by its idle wait): if one was due that soon, let that happen before the
            // shutdown, while an interrupted firing can still be handed on.
            boolean mightStillFire =
                    mightStillFire(clock.instant().plus(store.idleWait()).plusSeconds(1));
            boolean finished = runner.stopAll(reason, tuning.stopTimeout());
            long settle = store.idleWait().plusSeconds(1).toNanos() - (System.nanoTime() - standbyAt);
            if (finished && mightStillFire && settle > 0) {
                sleep(Duration.ofNanos(settle));
                finished = runner.stopAll(reason, tuning.stopTimeout());
            }
            if (!finished) {
                log.warn("a send did not finish within " + Durations.human(tuning.stopTimeout())
                        + "; stopping anyway: the next daemon to start recovers it from its journal");
            }
            store.shutdown(finished);
            log.info("stopped");
        } catch (SchedulerException e) {
            log.warn("stopping the scheduler failed: " + e.getMessage());
            store.shutdown(false);
        } finally {
            if (lock != null) {
                lock.close();
            }
            stopped.countDown();
        }
    }

    private ZoneId zoneOf(Trigger trigger) {
        if (trigger instanceof CronTrigger cron) {
            return cron.getTimeZone().toZoneId();
        }
        String zone = trigger.getJobDataMap().getString(TriggerData.ZONE);
        return zone == null ? clock.getZone() : ZoneId.of(zone);
    }

    /** Whether any trigger is due before {@code until}: one Quartz may have acquired before the standby. */
    private boolean mightStillFire(Instant until) throws SchedulerException {
        Scheduler scheduler = store.scheduler();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.anyGroup())) {
            Trigger trigger = scheduler.getTrigger(key);
            Date next = trigger == null ? null : trigger.getNextFireTime();
            if (next != null && next.toInstant().isBefore(until)) {
                return true;
            }
        }
        return false;
    }

    /** Blocks until {@link #stop} has finished. */
    public void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        sleep(Duration.ofMillis(100));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + " pid "
                    + ProcessHandle.current().pid();
        } catch (java.net.UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    private static void closeQuietly(SchedulerStore store, DaemonLock lock) {
        try {
            if (store != null) {
                store.close();
            }
        } catch (RuntimeException e) {
            // the first error is the one to report
        }
        if (lock != null) {
            lock.close();
        }
    }
}
