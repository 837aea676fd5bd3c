package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real {@code send} at random moments, several times, then {@code send} again
 * until it finishes: every active subscriber got the issue at least once, and the duplicates are no
 * more than the messages in flight at each kill (one per connection).
 */
class CrashResumeIT {
    private static final int SUBSCRIBERS = 1500;
    private static final int CONNECTIONS = 4;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    void killedSendsResumeWithEveryoneReachedAndDuplicatesBoundedByConnections() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), CONNECTIONS, SUBSCRIBERS);
            int kills = 0;
            for (int round = 0; round < KILLS; round++) {
                Process send = SendProcess.start(project);
                int target = server.accepted().size() + 1 + random.nextInt(SUBSCRIBERS / (KILLS + 2));
                boolean reached = server.awaitAccepted(target, Duration.ofSeconds(60));
                if (!send.isAlive() || !reached) {
                    send.waitFor(60, TimeUnit.SECONDS);
                    break;
                }
                send.destroyForcibly();
                assertThat(send.waitFor(30, TimeUnit.SECONDS)).isTrue();
                kills++;
            }
            int exit;
            int resumes = 0;
            do {
                Process send = SendProcess.start(project);
                assertThat(send.waitFor(120, TimeUnit.SECONDS)).isTrue();
                exit = send.exitValue();
                resumes++;
            } while (exit != 0 && resumes < 3);

            assertThat(exit)
                    .as("last send's exit code (seed %d)\n%s", seed, SendProcess.output(project))
                    .isZero();
            Map<String, Long> copies = server.accepted().stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Received::recipient, Collectors.counting()));
            List<String> everyone = SendProcess.subscribers(SUBSCRIBERS);
            assertThat(copies.keySet()).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(everyone);
            long duplicates = copies.values().stream().mapToLong(n -> n - 1).sum();
            System.out.printf("CrashResumeIT: %d kills, %d duplicates, seed %d%n", kills, duplicates, seed);
            assertThat(kills).as("kills that landed mid-send (seed %d)", seed).isPositive();
            assertThat(duplicates)
                    .as("duplicates after %d kills (seed %d)", kills, seed)
                    .isLessThanOrEqualTo((long) kills * CONNECTIONS);
            assertThat(copies).doesNotContainKey("gone@example.org");

            DeliveryReport report = DeliveryReport.of(SendProcess.journal(project));
            assertThat(report.count("accepted")).isEqualTo(SUBSCRIBERS);
            assertThat(report.inDoubt()).isEmpty();
            assertThat(report.runs()).hasSizeGreaterThanOrEqualTo(kills + 1);
            assertThat(report.runs().stream().filter(r -> !r.finished()).count())
                    .isEqualTo(kills);
            Map<String, Long> messageIds = server.accepted().stream()
                    .collect(Collectors.groupingBy(ScriptedSmtpServer.Received::messageId, Collectors.counting()));
            assertThat(messageIds).hasSize(SUBSCRIBERS);
            assertThat(copies.values().stream()
                            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                    .as("copies per recipient")
                    .containsKey(1L);
        }
    }
}
