package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.journal.JournalReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (what Ctrl-C and service managers send) stops a send gracefully: no new recipients, the
 * messages in flight finish and are journaled, the summary is printed, exit code 1; the next send
 * continues without sending anyone twice.
 */
class GracefulStopIT {
    private static final int SUBSCRIBERS = 1200;

    @TempDir
    Path dir;

    @Test
    void sigtermFinishesTheMessagesInFlightAndTheNextSendContinues() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), 4, SUBSCRIBERS);
            Process send = SendProcess.start(project);
            assertThat(server.awaitAccepted(100, Duration.ofSeconds(60))).isTrue();
            send.destroy();
            assertThat(send.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(send.exitValue()).isEqualTo(1);
            String output = SendProcess.output(project);
            assertThat(output).contains("stopped early: interrupted by a signal");
            DeliveryReport stopped = JournalReport.of(SendProcess.journal(project));
            assertThat(stopped.inDoubt()).isEmpty();
            assertThat(stopped.count("accepted")).isEqualTo(server.accepted().size());
            assertThat(stopped.count("accepted")).isLessThan(SUBSCRIBERS);
            assertThat(stopped.runs()).singleElement().satisfies(run -> {
                assertThat(run.finished()).isTrue();
                assertThat(run.stopped()).contains("signal");
            });

            Process resume = SendProcess.start(project);
            assertThat(resume.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(resume.exitValue()).as(SendProcess.output(project)).isZero();
            Map<String, Long> copies = server.accepted().stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Received::recipient, Collectors.counting()));
            assertThat(copies).hasSize(SUBSCRIBERS);
            assertThat(copies.values()).allMatch(n -> n == 1);
        }
    }
}
