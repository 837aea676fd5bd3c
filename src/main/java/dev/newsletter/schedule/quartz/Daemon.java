package dev.newsletter.schedule.quartz;

import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.schedule.DaemonLog;
import dev.newsletter.schedule.DaemonStarted;
import dev.newsletter.schedule.Durations;
import dev.newsletter.schedule.FiringRunner;
import dev.newsletter.schedule.InboxPoll;
import dev.newsletter.schedule.MisfireRule;
import dev.newsletter.schedule.ScheduleChanges;
import dev.newsletter.schedule.ScheduledSends;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;

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
    private final Optional<InboxPoll> inbox;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Daemon(
            SchedulerStore store,
            FiringRunner runner,
            DaemonLog log,
            SchedulerTuning tuning,
            DaemonLock lock,
            String instance,
            Clock clock,
            Optional<InboxPoll> inbox) {
        this.clock = clock;
        this.inbox = inbox;
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
        ScheduledSends sends = ScheduledSends.of(config, env, clock, log).configured(schedules);
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
            FiringRunner runner = sends.runner(rule, store.outcomes(), tuning, instance);
            Optional<InboxPoll> inbox = InboxPoll.of(config, env, clock, log);
            scheduler.setJobFactory(InboxPollJob.factory(inbox, SendJob.factory(runner, clock)));
            sends.preflight(schedules);
            ScheduleChanges changes = ScheduleSync.sync(scheduler, schedules, clock.instant());
            InboxPollJob.sync(scheduler, inbox.map(InboxPoll::interval), clock.instant());
            store.outcomes()
                    .retainConfig(schedules.stream().map(ConfiguredSchedule::id).collect(Collectors.toSet()));
            Daemon daemon = new Daemon(store, runner, log, tuning, lock, instance, clock, inbox);
            scheduler.start();
            daemon.logStarted(config, changes);
            inbox.ifPresent(poll -> log.info(poll.describe()));
            return daemon;
        } catch (SchedulerException e) {
            closeQuietly(store, lock);
            throw new SchedulerUnavailableException("cannot start the scheduler", e);
        } catch (RuntimeException e) {
            closeQuietly(store, lock);
            throw e;
        }
    }

    private void logStarted(Config config, ScheduleChanges changes) throws SchedulerException {
        List<DaemonStarted.Upcoming> upcoming = new ArrayList<>();
        for (Trigger trigger : store.triggers()) {
            Optional<Instant> next =
                    Optional.ofNullable(trigger.getNextFireTime()).map(Date::toInstant);
            upcoming.add(new DaemonStarted.Upcoming(trigger.getKey().getName(), next, zoneOf(trigger)));
        }
        new DaemonStarted(store.description(), instance, config.scheduler().misfireGrace(), changes, upcoming)
                .lines()
                .forEach(log::info);
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
            inbox.ifPresent(InboxPoll::stop);
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
        String zone = trigger.getJobDataMap().getString(ScheduleKeys.ZONE);
        return zone == null ? clock.getZone() : ZoneId.of(zone);
    }

    /** Whether any trigger is due before {@code until}: one Quartz may have acquired before the standby. */
    private boolean mightStillFire(Instant until) throws SchedulerException {
        for (Trigger trigger : store.triggers()) {
            Date next = trigger.getNextFireTime();
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
