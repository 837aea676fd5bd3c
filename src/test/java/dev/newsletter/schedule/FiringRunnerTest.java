package dev.newsletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.journal.JournalLockedException;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

class FiringRunnerTest {
    private static final Instant DUE = Instant.parse("2026-11-30T08:00:00Z");

    private final MutableClock clock = new MutableClock(DUE);
    private final RecordingLog log = new RecordingLog();
    private final MemoryOutcomeStore outcomes = new MemoryOutcomeStore();
    private final List<String> handedOn = new ArrayList<>();
    private final SchedulerTuning tuning = SchedulerTuning.defaults().withLockPoll(Duration.ofMillis(10));

    private FiringRunner runner(FiringSender sending) {
        return new FiringRunner(
                sending,
                new MisfireRule(Duration.ofHours(1), Duration.ofMinutes(1)),
                outcomes,
                log,
                clock,
                tuning,
                "test-host");
    }

    private static Firing firing(Firing.Kind kind) {
        return new Firing("once-1", Firing.ONCE, kind, "issues/2024-fall.yaml", "pdl-packet", DUE, DUE);
    }

    private FiringOutcome run(FiringRunner runner, Firing firing) {
        return runner.run(firing, (f, sentSome) -> {
            handedOn.add(f.scheduleId() + " sentSome=" + sentSome);
            return "handed on";
        });
    }

    private static MailingReport report(long accepted, long skipped, Optional<String> stopped) {
        return new MailingReport(accepted, 0, 0, 0, skipped, 0, 0, 0, Duration.ofMillis(100), stopped);
    }

    /** A send that returns what it is given, counting its runs. */
    private static final class ScriptedSending implements FiringSender {
        final AtomicInteger runs = new AtomicInteger();
        final java.util.function.IntFunction<MailingReport> script;

        ScriptedSending(java.util.function.IntFunction<MailingReport> script) {
            this.script = script;
        }

        @Override
        public MailingReport send(
                Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress) {
            notes.accept("a note from the send");
            return script.apply(runs.incrementAndGet());
        }
    }

    @Test
    void anOnTimeFiringSendsAndRecordsTheOutcome() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        clock.advance(Duration.ofSeconds(2));

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(sending.runs).hasValue(1);
        assertThat(log.text()).contains("INFO [once-1] sending issues/2024-fall.yaml to list 'pdl-packet'");
        assertThat(log.text()).contains("INFO [once-1] a note from the send");
        assertThat(log.text()).contains("INFO [once-1] sent: accepted 5");
        assertThat(outcomes.all()).singleElement().satisfies(last -> {
            assertThat(last.result()).isEqualTo(FiringOutcome.Result.SENT);
            assertThat(last.finished()).isPresent();
            assertThat(last.instance()).isEqualTo("test-host");
        });
    }

    /**
     * Back from a downtime, the daemon catches up once; a later missed time that Quartz still hands
     * over (due before that catch-up started) is covered by it and sends nothing.
     */
    @Test
    void aSecondMissedTimeAfterACatchUpIsCoveredByIt() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        Firing first = new Firing("once-1", Firing.ONCE, Firing.Kind.SCHEDULED, "i", "l", DUE, DUE);
        Firing second = new Firing(
                "once-1", Firing.ONCE, Firing.Kind.SCHEDULED, "i", "l", DUE.plusSeconds(20), DUE.plusSeconds(20));
        clock.advance(Duration.ofMinutes(5));
        FiringRunner runner = runner(sending);

        FiringOutcome caughtUp = run(runner, first);
        clock.advance(Duration.ofSeconds(1));
        FiringOutcome covered = run(runner, second);

        assertThat(caughtUp.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(covered.result()).isEqualTo(FiringOutcome.Result.SKIPPED_COVERED);
        assertThat(sending.runs).hasValue(1);
        assertThat(log.text()).contains("already caught up on it: not sent again");
    }

    @Test
    void aLateFiringAfterAnEarlierOneStillRuns() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        FiringRunner runner = runner(sending);
        clock.advance(Duration.ofSeconds(2));
        run(runner, firing(Firing.Kind.SCHEDULED));
        Instant nextDue = DUE.plus(Duration.ofHours(1));
        Firing next = new Firing("once-1", Firing.ONCE, Firing.Kind.SCHEDULED, "i", "l", nextDue, nextDue);
        clock.advance(Duration.ofHours(1).plusMinutes(10)); // busy for a while: ten minutes late

        FiringOutcome outcome = run(runner, next);

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(sending.runs).hasValue(2);
    }

    @Test
    void aFiringMissedBeyondTheGraceIsSkippedWithoutSendingAndTheLogSaysSo() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        clock.advance(Duration.ofHours(3).plusMinutes(12));

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.SKIPPED_MISSED);
        assertThat(sending.runs).hasValue(0);
        assertThat(log.text())
                .contains("WARN [once-1] skipped issues/2024-fall.yaml to list 'pdl-packet': missed by 3h 12m")
                .contains("more than scheduler.misfireGrace (1h): not sent");
        assertThat(outcomes.all())
                .singleElement()
                .extracting(LastFiring::result)
                .isEqualTo(FiringOutcome.Result.SKIPPED_MISSED);
    }

    @Test
    void aFiringMissedWithinTheGraceCatchesUpOnce() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        clock.advance(Duration.ofMinutes(20));

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(sending.runs).hasValue(1);
        assertThat(log.text())
                .contains("catching up on issues/2024-fall.yaml to list 'pdl-packet'")
                .contains("20m late (within scheduler.misfireGrace 1h)");
    }

    @Test
    void anInterruptedSendIsFinishedHoweverLateItIs() {
        ScriptedSending sending = new ScriptedSending(n -> report(3, 2, Optional.empty()));
        clock.advance(Duration.ofDays(3));

        FiringOutcome resumed = run(runner(sending), firing(Firing.Kind.RESUME));
        FiringOutcome recovered = run(runner(sending), firing(Firing.Kind.RECOVERY));

        assertThat(resumed.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(recovered.result()).isEqualTo(FiringOutcome.Result.SENT);
        assertThat(log.text()).contains("resuming the interrupted send").contains("recovering the send");
    }

    @Test
    void aFiringForAnIssueAlreadySentDoesNothingButLogIt() {
        ScriptedSending sending = new ScriptedSending(n -> report(0, 5, Optional.empty()));

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.NOTHING_TO_SEND);
        assertThat(log.text())
                .contains("INFO [once-1] nothing to send: the journal has all 5 recipients as done already");
    }

    @Test
    void waitsWhileAnotherSendHoldsTheJournalThenSends() {
        ScriptedSending sending = new ScriptedSending(n -> {
            if (n <= 2) {
                clock.advance(Duration.ofSeconds(30));
                throw new JournalLockedException(Path.of("var/deliveries/2024-fall/pdl-packet.jsonl"));
            }
            return report(0, 5, Optional.empty());
        });

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(sending.runs).hasValue(3);
        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.NOTHING_TO_SEND);
        assertThat(log.count("is running (its journal is locked); waiting for it"))
                .isEqualTo(1);
        assertThat(log.count("a note from the send"))
                .as("the send's notes (the list census) once, not again after each wait")
                .isEqualTo(1);
    }

    @Test
    void aSendOfTheIssueToAnotherListIsNamedAsSuchWhileWaiting() {
        ScriptedSending sending = new ScriptedSending(n -> {
            if (n == 1) {
                clock.advance(Duration.ofSeconds(30));
                throw JournalLockedException.ofIssue(Path.of("var/deliveries/2024-fall"));
            }
            return report(0, 5, Optional.empty());
        });

        run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(log.text())
                .contains(
                        "to list 'pdl-packet', or to another of its lists, is running (its journal is locked); waiting for it");
    }

    @Test
    void skipsWhenTheOtherSendStillRunsAtTheEndOfTheGrace() {
        ScriptedSending sending = new ScriptedSending(n -> {
            clock.advance(Duration.ofMinutes(25));
            throw new JournalLockedException(Path.of("var/deliveries/2024-fall/pdl-packet.jsonl"));
        });

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.SKIPPED_LOCKED);
        assertThat(sending.runs).hasValue(3);
        assertThat(log.text())
                .contains("WARN [once-1] skipped: another send of this issue to this list was still running");
    }

    @Test
    void badInputFailsTheFiringWithTheProblems() {
        FiringSender sending = (firing, stop, notes, progress) -> {
            throw InvalidInputException.of(Problem.atLine(Path.of("issues/2024-fall.yaml"), 3, "unknown key 'titel'"));
        };

        FiringOutcome outcome = run(runner(sending), firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.FAILED);
        assertThat(log.text())
                .contains("WARN [once-1] failed: cannot send: issues/2024-fall.yaml:3: unknown key 'titel'");
    }

    @Test
    void stoppingInterruptsARunningSendWhichIsHandedOn() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        FiringSender sending = (firing, stop, notes, progress) -> {
            running.countDown();
            try {
                stop.await(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return report(2, 0, stop.reason());
        };
        FiringRunner runner = runner(sending);
        CompletableFuture<FiringOutcome> outcome =
                CompletableFuture.supplyAsync(() -> run(runner, firing(Firing.Kind.SCHEDULED)));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        boolean ended = runner.stopAll("SIGTERM", Duration.ofSeconds(10));

        assertThat(ended).isTrue();
        assertThat(outcome.get(10, TimeUnit.SECONDS).result()).isEqualTo(FiringOutcome.Result.INTERRUPTED);
        assertThat(handedOn).containsExactly("once-1 sentSome=true");
        assertThat(log.text())
                .contains("WARN [once-1] interrupted: stopped: accepted 2")
                .contains("handed on");
    }

    @Test
    void aFiringThatArrivesWhileStoppingSendsNothingAndIsHandedOn() {
        ScriptedSending sending = new ScriptedSending(n -> report(5, 0, Optional.empty()));
        FiringRunner runner = runner(sending);
        runner.stopAll("SIGTERM", Duration.ofSeconds(1));

        FiringOutcome outcome = run(runner, firing(Firing.Kind.SCHEDULED));

        assertThat(outcome.result()).isEqualTo(FiringOutcome.Result.INTERRUPTED);
        assertThat(sending.runs).hasValue(0);
        assertThat(handedOn).containsExactly("once-1 sentSome=false");
    }
}
