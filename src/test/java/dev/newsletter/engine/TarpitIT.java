package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that stops answering (a tarpit): the read timeout ends the wait, the message goes again. */
class TarpitIT {
    /** How long the hung server is waited for: well above any reply of a busy but working one. */
    private static final Duration HUNG = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aHungReplyTimesOutAndTheMessageIsRetriedOnANewConnection() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.equals("r1@example.org") && seen == 1
                        ? ScriptedSmtpServer.Reply.tarpit()
                        : ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir).timeout(HUNG);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(server.connections()).isEqualTo(2);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(3);
            assertThat(journal.retries()).isEqualTo(1);
        }
    }

    @Test
    void aHungRcptTimesOutBeforeTheDataSoNothingIsInDoubt() {
        List<String> recipients = EngineRun.recipients(2);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.equals("r2@example.org") && seen == 1
                        ? ScriptedSmtpServer.Reply.tarpit()
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir).timeout(HUNG);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(server.unanswered()).isEmpty();
            assertThat(run.report().inDoubt()).isEmpty();
        }
    }
}
