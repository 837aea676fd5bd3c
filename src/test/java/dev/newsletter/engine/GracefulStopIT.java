package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        // after 100 messages the server holds its replies until the signal has reached the send:
        // the send is stopped in the middle however fast or slow the machine is
        CountDownLatch signalled = new CountDownLatch(1);
        AtomicInteger dots = new AtomicInteger();
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                if (dots.incrementAndGet() > 100) {
                    await(signalled);
                }
                return ScriptedSmtpServer.Script.super.afterDot(recipient, seen);
            }
        })) {
            Path project = SendProcess.project(dir, server.port(), 4, SUBSCRIBERS);
            Process send = SendProcess.start(project);
            assertThat(server.awaitAccepted(100, Duration.ofMinutes(2))).isTrue();
            send.destroy();
            awaitOutput(project, "stopping the run: interrupted by a signal");
            signalled.countDown();
            assertThat(send.waitFor(2, TimeUnit.MINUTES)).isTrue();

            assertThat(send.exitValue()).isEqualTo(1);
            String output = SendProcess.output(project);
            assertThat(output).contains("stopped early: interrupted by a signal");
            DeliveryReport stopped = DeliveryReport.of(SendProcess.journal(project));
            assertThat(stopped.inDoubt()).isEmpty();
            assertThat(stopped.count("accepted")).isEqualTo(server.accepted().size());
            assertThat(stopped.count("accepted"))
                    .as("100, and at most one message in flight per connection")
                    .isBetween(100L, 104L);
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.MINUTES); // bounded only so that a failing test cannot hang the build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitOutput(Path project, String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!SendProcess.output(project).contains(fragment)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no '" + fragment + "' in:\n" + SendProcess.output(project));
            }
            Thread.sleep(50);
        }
    }
}
