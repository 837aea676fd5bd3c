package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server closes the connection after every message: each next message goes on a new one, transparently. */
class CloseBetweenMessagesIT {
    @TempDir
    Path dir;

    @Test
    void reconnectsWithoutCountingAFailure() {
        List<String> recipients = EngineRun.recipients(5);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public boolean closeAfterMessage(int connection, int n) {
                return true;
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(report.accepted()).isEqualTo(5);
            assertThat(report.retries()).isZero();
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(server.connections()).isEqualTo(5);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(5);
            assertThat(journal.results()).isEqualTo(5);
            assertThat(journal.retries()).isZero();
        }
    }
}
