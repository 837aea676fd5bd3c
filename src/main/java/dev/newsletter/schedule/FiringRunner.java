package dev.newsletter.schedule;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.journal.JournalLockedException;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs firings, one per call, on the scheduler's threads; free of Quartz so that tests can drive it.
 *
 * <p>For each firing: apply the {@link MisfireRule} (a scheduled firing missed by more than the
 * grace is skipped and logged); send through the {@link FiringSender}; while another process holds the
 * journal of the same issue and list (a manual {@code send}, another schedule), wait and retry,
 * for as long as the firing is still within its grace, then skip it: never two sends at once.
 * Every firing's start and end are logged and kept in the {@link OutcomeStore}.
 *
 * <p>{@link #stopAll} is the graceful stop: firings not yet sending do not start; running sends
 * take no new recipients and finish the messages in flight; an interrupted firing is handed on
 * ({@link Resumer}) so that the next daemon to start finishes it.
 */
public final class FiringRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FiringRunner.class);

    private final FiringSender sending;
    private final MisfireRule rule;
    private final OutcomeStore outcomes;
    private final DaemonLog log;
    private final Clock clock;
    private final SchedulerTuning tuning;
    private final String instance;
    private final Set<StopSignal> active = ConcurrentHashMap.newKeySet();
    private volatile String stopReason;

    /** Hands an interrupted firing on to the next daemon; returns how (for the log). */
    @FunctionalInterface
    public interface Resumer {
        String resume(Firing firing, boolean sentSome);
    }

    FiringRunner(
            FiringSender sending,
            MisfireRule rule,
            OutcomeStore outcomes,
            DaemonLog log,
            Clock clock,
            SchedulerTuning tuning,
            String instance) {
        this.sending = sending;
        this.rule = rule;
        this.outcomes = outcomes;
        this.log = log;
        this.clock = clock;
        this.tuning = tuning;
        this.instance = instance;
    }

    /** When the schedule's last firing started, as the store knows it. */
    private Optional<Instant> lastStarted(String scheduleId) {
        try {
            return outcomes.all().stream()
                    .filter(last -> last.scheduleId().equals(scheduleId))
                    .map(LastFiring::started)
                    .findFirst();
        } catch (SchedulerUnavailableException e) {
            return Optional.empty(); // the journal still keeps a second run from sending twice
        }
    }

    public FiringOutcome run(Firing firing, Resumer resumer) {
        Instant start = clock.instant();
        String tag = "[" + firing.scheduleId() + "] ";
        String what = firing.issue() + " to list '" + firing.list() + "'";
        String due = Durations.time(firing.due(), clock.getZone());
        String intro;
        switch (firing.kind()) {
            case RESUME -> intro = "resuming the interrupted send of " + what + " (due " + due + ")";
            case RECOVERY -> intro = "recovering the send of " + what + " whose daemon died (due " + due + ")";
            default -> {
                Optional<Instant> lastStarted = lastStarted(firing.scheduleId());
                MisfireRule.Decision decision = rule.decide(firing.due(), start, lastStarted);
                if (decision.verdict() == MisfireRule.Verdict.COVERED) {
                    FiringOutcome covered = FiringOutcome.of(
                            FiringOutcome.Result.SKIPPED_COVERED,
                            "due " + due + ", but the firing that started "
                                    + Durations.time(lastStarted.orElseThrow(), clock.getZone())
                                    + " already caught up on it: not sent again");
                    record(firing, start, covered);
                    log.info(tag + "skipped " + what + ": " + covered.summary());
                    return covered;
                }
                if (!decision.runs()) {
                    FiringOutcome skipped = FiringOutcome.of(
                            FiringOutcome.Result.SKIPPED_MISSED,
                            "missed by " + Durations.human(decision.late()) + " (due " + due
                                    + "), more than scheduler.misfireGrace (" + Durations.human(rule.grace())
                                    + "): not sent");
                    record(firing, start, skipped);
                    log.warn(tag + "skipped " + what + ": " + skipped.summary());
                    return skipped;
                }
                intro = decision.verdict() == MisfireRule.Verdict.CATCH_UP
                        ? "catching up on " + what + ": due " + due + ", " + Durations.human(decision.late())
                                + " late (within scheduler.misfireGrace " + Durations.human(rule.grace()) + ")"
                        : "sending " + what;
            }
        }
        StopSignal current = new StopSignal();
        active.add(current);
        try {
            FiringOutcome outcome;
            if (stopReason != null) {
                outcome = new FiringOutcome(
                        FiringOutcome.Result.INTERRUPTED, "the daemon is stopping", Optional.empty(), false);
            } else {
                try {
                    outcomes.started(firing, start, instance);
                } catch (SchedulerUnavailableException e) {
                    log.warn(tag + e.getMessage());
                }
                log.info(tag + intro);
                outcome = send(firing, current, tag, start);
            }
            if (outcome.result() == FiringOutcome.Result.INTERRUPTED) {
                outcome = handOn(firing, outcome, resumer);
            }
            record(firing, start, outcome);
            String line = tag + outcome.result().label() + ": " + outcome.summary();
            if (outcome.result() == FiringOutcome.Result.SENT
                    || outcome.result() == FiringOutcome.Result.NOTHING_TO_SEND) {
                log.info(line);
            } else {
                log.warn(line);
            }
            return outcome;
        } finally {
            active.remove(current);
        }
    }

    private FiringOutcome send(Firing firing, StopSignal current, String tag, Instant start) {
        Instant deadline = (firing.kind() == Firing.Kind.SCHEDULED ? firing.due() : start).plus(rule.allowance());
        boolean toldWaiting = false;
        // a send that waited for a lock and starts again says its notes (the list census) once
        Set<String> told = new HashSet<>();
        while (true) {
            if (current.stopped()) {
                return new FiringOutcome(
                        FiringOutcome.Result.INTERRUPTED, "the daemon is stopping", Optional.empty(), false);
            }
            try {
                MailingReport report = sending.send(
                        firing,
                        current,
                        note -> {
                            if (told.add(note)) {
                                log.info(tag + note);
                            }
                        },
                        total -> progress(tag, total));
                // interrupted by the daemon's stop only: a capture server that cannot write stops the send too
                return classify(firing, report, stopReason != null);
            } catch (JournalLockedException e) {
                Instant now = clock.instant();
                if (!now.isBefore(deadline)) {
                    return FiringOutcome.of(
                            FiringOutcome.Result.SKIPPED_LOCKED,
                            "another send of this issue to this list was still running (or to another of its lists)"
                                    + " at " + Durations.time(now, clock.getZone()) + ", the end of the grace: not sent"
                                    + " by this firing; whoever it did not reach gets the issue from the next firing"
                                    + " or a manual send");
                }
                if (!toldWaiting) {
                    log.info(tag + "another send of " + firing.issue() + " to list '" + firing.list()
                            + (e.issueWide()
                                    ? "', or to another of its lists, is running (its journal is locked); waiting"
                                            + " for it, at most until "
                                    : "' is running (its journal is locked); waiting for it, at most until ")
                            + Durations.time(deadline, clock.getZone()));
                    toldWaiting = true;
                }
                awaitStop(current, tuning.lockPoll());
            } catch (InvalidInputException e) {
                return FiringOutcome.of(
                        FiringOutcome.Result.FAILED,
                        "cannot send: "
                                + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; ")));
            } catch (RuntimeException e) {
                LOG.error("firing {} failed", firing.scheduleId(), e);
                return FiringOutcome.of(FiringOutcome.Result.FAILED, "cannot send: " + e);
            }
        }
    }

    private static FiringOutcome classify(Firing firing, MailingReport report, boolean stopped) {
        long attempted = report.accepted() + report.deferred() + report.rejected() + report.failed();
        Optional<MailingReport> some = Optional.of(report);
        if (stopped && report.stoppedBecause().isPresent()) {
            return new FiringOutcome(
                    FiringOutcome.Result.INTERRUPTED, "stopped: " + report.summary(), some, attempted > 0);
        }
        if (attempted == 0 && report.stoppedBecause().isEmpty()) {
            String why = report.skipped() == 0
                    ? "the list has no active subscribers"
                    : report.skipped() == 1
                            ? "the journal has the list's 1 recipient as done already"
                            : "the journal has all " + report.skipped() + " recipients as done already";
            return new FiringOutcome(FiringOutcome.Result.NOTHING_TO_SEND, why, some, false);
        }
        if (report.complete()) {
            return new FiringOutcome(FiringOutcome.Result.SENT, report.summary(), some, true);
        }
        return new FiringOutcome(
                FiringOutcome.Result.INCOMPLETE,
                report.summary() + "; the rest goes out at the next firing, or now with: ./newsletter send "
                        + firing.issue() + " --list " + firing.list(),
                some,
                attempted > 0);
    }

    private FiringOutcome handOn(Firing firing, FiringOutcome outcome, Resumer resumer) {
        String next;
        try {
            next = resumer.resume(firing, outcome.sentSome());
        } catch (RuntimeException e) {
            LOG.warn("cannot hand on {}", firing.scheduleId(), e);
            next = "it could not be handed on (" + e.getMessage() + "): finish it with ./newsletter send "
                    + firing.issue() + " --list " + firing.list();
        }
        return new FiringOutcome(
                outcome.result(), outcome.summary() + "; " + next, outcome.report(), outcome.sentSome());
    }

    private void record(Firing firing, Instant start, FiringOutcome outcome) {
        try {
            outcomes.finished(firing, start, clock.instant(), outcome, instance);
        } catch (SchedulerUnavailableException e) {
            log.warn("[" + firing.scheduleId() + "] " + e.getMessage());
        }
    }

    private Progress progress(String tag, long total) {
        long every = tuning.progressEvery().toNanos();
        AtomicLong last = new AtomicLong(System.nanoTime());
        return snapshot -> {
            long now = System.nanoTime();
            long previous = last.get();
            if (now - previous >= every && last.compareAndSet(previous, now)) {
                log.info(tag
                        + String.format(
                                Locale.ROOT,
                                "%d of %d done: accepted %d, deferred %d, rejected %d",
                                snapshot.done(),
                                total,
                                snapshot.accepted(),
                                snapshot.deferred(),
                                snapshot.rejected()));
            }
        };
    }

    /**
     * The graceful stop: firings that have not started sending will not, running sends take no
     * new recipients and finish their messages in flight. Waits up to {@code timeout}.
     *
     * @return whether every firing ended in time
     */
    public boolean stopAll(String reason, Duration timeout) {
        stopReason = reason;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (StopSignal firing : active) {
                firing.stop(reason);
            }
            if (active.isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                // wait for the running sends to finish their messages in flight
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Waits up to {@code duration} for another send's lock; returns early when the firing is stopped. */
    private static void awaitStop(StopSignal stop, Duration duration) {
        try {
            stop.await(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop("interrupted");
        }
    }
}
