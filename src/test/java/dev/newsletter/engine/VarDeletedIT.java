package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code var/} deleted while a real {@code send} runs (what {@code git clean -fdX} does): a second
 * {@code send} cannot start, the first notices its journal is gone, stops with exit 1 and writes
 * the journal back, and the next {@code send} finishes the list without sending anyone a second copy.
 * Two processes, synchronised on the SMTP server: the first is held in the middle of a message
 * while {@code var/} is deleted and the second runs.
 */
class VarDeletedIT {
    private static final int SUBSCRIBERS = 5;

    @TempDir
    Path dir;

    @Test
    void deletingVarDuringASendNeitherLetsASecondSendStartNorGoesUnnoticed() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                if (recipient.equals("reader2@example.org") && seen == 1) {
                    holding.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            Path project = SendProcess.project(dir, server.port(), 1, SUBSCRIBERS);
            Process first = SendProcess.start(project);
            try {
                assertThat(holding.await(120, TimeUnit.SECONDS))
                        .as("the first send to reach reader2\n%s", SendProcess.output(project))
                        .isTrue();

                deleteTree(project.resolve("var"));
                Process second = SendProcess.start(project);
                assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();

                assertThat(second.exitValue()).as(SendProcess.output(project)).isEqualTo(2);
                assertThat(SendProcess.output(project)).contains("another send of this issue to this list is running");
                assertThat(server.connections()).isEqualTo(1);

                release.countDown();
                assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(first.exitValue()).as(SendProcess.output(project)).isEqualTo(1);
            } finally {
                release.countDown();
                first.destroyForcibly();
            }
            assertThat(SendProcess.output(project))
                    .contains("was deleted or replaced during the send")
                    .contains("The journal was written back to");
            assertThat(server.acceptedRecipients()).containsExactly("reader1@example.org", "reader2@example.org");
            DeliveryReport report = DeliveryReport.of(SendProcess.journal(project));
            assertThat(report.count("accepted")).isEqualTo(2);

            Process third = SendProcess.start(project);
            assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(third.exitValue()).as(SendProcess.output(project)).isZero();
            assertThat(server.acceptedRecipients())
                    .containsExactlyInAnyOrderElementsOf(SendProcess.subscribers(SUBSCRIBERS));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
