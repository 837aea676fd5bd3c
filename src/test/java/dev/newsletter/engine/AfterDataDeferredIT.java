package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 451 after the final dot: the server did not take the message; retried in the run. */
class AfterDataDeferredIT {
    @TempDir
    Path dir;

    @Test
    void a451AfterTheDotIsRetriedAndAcceptedOnce() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.equals("r1@example.org") && seen == 1
                        ? ScriptedSmtpServer.Reply.of(451, "4.3.0 scripted: local error in processing")
                        : ScriptedSmtpServer.Reply.ok("2.0.0 Ok: queued as Q" + seen);
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(report.retries()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(3);
            assertThat(journal.results()).isEqualTo(4);
            assertThat(journal.retries()).isEqualTo(1);
            assertThat(journal.byCode()).containsOnlyKeys(250);
        }
    }
}
