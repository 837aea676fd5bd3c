package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server reads the whole message and closes without replying: the sender cannot know whether it
 * was taken. At-least-once: sent again on a new connection, never marked failed for good.
 */
class DropAfterDotIT {
    @TempDir
    Path dir;

    @Test
    void aMessageWithoutReplyIsSentAgainOnANewConnection() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.equals("r2@example.org") && seen == 1
                        ? ScriptedSmtpServer.Reply.dropConnection()
                        : ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(report.retries()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(server.unanswered())
                    .extracting(ScriptedSmtpServer.Received::recipient)
                    .containsExactly("r2@example.org");
            assertThat(server.connections()).isEqualTo(2);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(3);
            assertThat(journal.inDoubt()).isEmpty();
            assertThat(journal.byCode()).containsOnlyKeys(250);
            assertThat(journal.results()).isEqualTo(4);
        }
    }

    @Test
    void aServerThatNeverRepliesAfterTheDotStopsTheRunInsteadOfResendingForever() {
        List<String> recipients = EngineRun.recipients(20);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.dropConnection();
            }
        })) {
            EngineRun run = new EngineRun(dir).attempts(3).workers(1);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("in a row"));
            assertThat(server.unanswered()).hasSize(3);
            DeliveryReport journal = run.report();
            assertThat(journal.count("rejected")).isZero();
            assertThat(journal.count("failed")).isEqualTo(1);
            assertThat(journal.inDoubt()).isEmpty();
        }
    }
}
