package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.schedule.Await;
import dev.newsletter.schedule.DaemonLog;
import dev.newsletter.schedule.DaemonProcess;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SmtpSink;
import dev.newsletter.schedule.quartz.Daemon;
import dev.newsletter.schedule.quartz.ScheduleBook;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./newsletter run as a real process: SIGTERM in the middle of a send, and SIGKILL. The SMTP server
 * holds the send after a few messages until the signal has reached it, so the middle of the send
 * is the middle however slow the machine is.
 */
class RunCommandIT {
    private static final Duration PATIENCE = Duration.ofSeconds(40);
    private static final int READERS = 40;
    private static final SchedulerTuning TUNING = SchedulerTuning.defaults()
            .withOnTime(Duration.ofSeconds(1))
            .withIdleWait(Duration.ofSeconds(1))
            .withStopTimeout(Duration.ofSeconds(30));

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemDefaultZone();

    private void addOnceInASecond(SampleProject project) {
        try (ScheduleBook book = ScheduleBook.open(project.loadConfig(), SampleProject.ENV, clock, TUNING)) {
            book.addOnce(
                    project.resolve("issues/2024-fall.yaml"),
                    "readers",
                    clock.instant().plusSeconds(1),
                    ZoneOffset.UTC,
                    clock.instant());
        }
    }

    private static final class Lines implements DaemonLog {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }

        @Override
        public void warn(String message) {
            lines.add(message);
        }

        boolean has(String fragment) {
            return lines.stream().anyMatch(line -> line.contains(fragment));
        }
    }

    /** Starts the daemon in this JVM and waits until once-1 has finished sending. */
    private Lines finishInProcess(SampleProject project) {
        Lines lines = new Lines();
        Daemon daemon = Daemon.start(project.loadConfig(), SampleProject.ENV, clock, lines, TUNING);
        try {
            Await.until(PATIENCE, () -> lines.has("[once-1] sent:"), () -> "once-1 to finish, log: " + lines.lines);
        } finally {
            daemon.stop("test over");
        }
        return lines;
    }

    @Test
    void sigtermDuringASendFinishesTheMessagesInFlightExitsZeroAndTheNextRunCompletesTheList() throws Exception {
        try (SmtpSink sink = new SmtpSink(Duration.ZERO)) {
            SampleProject project =
                    SampleProject.withTestConfig(folder).relay(sink.port(), 2).list("readers", READERS);
            sink.holdAfter(4);
            DaemonProcess run = DaemonProcess.start(project.config(), folder.resolve("run.log"), SampleProject.ENV);
            Process daemon = run.process();
            try {
                Await.until(
                        PATIENCE,
                        () -> run.printed("scheduler started"),
                        () -> "the daemon to start:\n" + run.output());
                // added by this process while the daemon process has the embedded store open
                addOnceInASecond(project);
                Await.until(PATIENCE, () -> sink.held() >= 1, () -> "the send to be under way; log:\n" + run.output());

                daemon.destroy(); // SIGTERM
                Await.until(
                        PATIENCE,
                        () -> run.printed("stopping the run: SIGTERM"),
                        () -> "the send to be told to stop; log:\n" + run.output());
                sink.release(); // the messages in flight get their reply

                assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).isTrue();
            } finally {
                daemon.destroyForcibly();
            }
            String output = run.output();
            assertThat(daemon.exitValue()).as(output).isZero();
            assertThat(output)
                    .contains("stopping (SIGTERM or Ctrl-C)")
                    .contains("[once-1] interrupted: stopped: accepted")
                    .contains("INFO stopped");
            int sent = sink.total();
            assertThat(sent)
                    .as("4, and the message in flight on each connection")
                    .isBetween(5, 6);
            assertThat(project.journal("2024-fall", "readers")).doesNotContain("\"outcome\":\"failed\"");
            assertThat(countLines(project, "\"type\":\"attempt\""))
                    .isEqualTo(countLines(project, "\"type\":\"result\""));

            Lines next = finishInProcess(project);

            assertThat(next.has("[once-1] resuming the interrupted send")).isTrue();
            assertThat(sink.recipients()).isEqualTo(READERS);
            assertThat(sink.total()).isEqualTo(READERS);
        }
    }

    @Test
    void aDaemonKilledMidSendIsRecoveredFromTheJournalOnTheNextStart() throws Exception {
        try (SmtpSink sink = new SmtpSink(Duration.ZERO)) {
            SampleProject project =
                    SampleProject.withTestConfig(folder).relay(sink.port(), 2).list("readers", READERS);
            sink.holdAfter(4);
            addOnceInASecond(project);
            DaemonProcess run = DaemonProcess.start(project.config(), folder.resolve("run.log"), SampleProject.ENV);
            try {
                Await.until(PATIENCE, () -> sink.held() >= 1, () -> "the send to be under way; log:\n" + run.output());
            } finally {
                run.kill(); // SIGKILL: no graceful anything
                sink.release(); // what was in flight arrives; its sender never hears the reply
            }
            assertThat(sink.recipients()).isLessThan(READERS);

            Lines next = finishInProcess(project);

            assertThat(
                            next.has(
                                    "[once-1] recovering the send of issues/2024-fall.yaml to list 'readers' whose daemon died"))
                    .isTrue();
            assertThat(sink.recipients()).isEqualTo(READERS);
            // at least once: only the messages in flight when it died (one per connection) may go twice
            assertThat(sink.duplicated()).isLessThanOrEqualTo(2);
        }
    }

    private static long countLines(SampleProject project, String fragment) {
        return project.journal("2024-fall", "readers")
                .lines()
                .filter(line -> line.contains(fragment))
                .count();
    }
}
