package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 421: the server is closing the connection. Never the recipient's fault. */
class ServiceUnavailable421IT {
    @TempDir
    Path dir;

    @Test
    void a421GreetingIsRetriedOnANewConnection() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Greeting greeting(int connection) {
                return connection == 1 ? ScriptedSmtpServer.Greeting.BUSY : ScriptedSmtpServer.Greeting.GREET;
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(run.report().results()).isEqualTo(3);
        }
    }

    @Test
    void a421OnRcptRetriesThatRecipientOnANewConnection() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.equals("r2@example.org") && seen == 1
                        ? ScriptedSmtpServer.Reply.of(421, "4.7.0 scripted: closing connection")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(report.failed()).isZero();
            assertThat(report.retries()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(server.connections()).isEqualTo(2);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(3);
            assertThat(journal.count("failed")).isZero();
            assertThat(journal.results()).isEqualTo(4);
            assertThat(journal.retries()).isEqualTo(1);
        }
    }
}
