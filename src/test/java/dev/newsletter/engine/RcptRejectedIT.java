package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 550 on RCPT: rejected for good, never retried, a 5.1.1 flagged as a hard bounce. */
class RcptRejectedIT {
    @TempDir
    Path dir;

    @Test
    void aRejectedRecipientIsNeverRetriedInThisRunOrTheNext() {
        List<String> recipients = EngineRun.recipients(3);
        ScriptedSmtpServer.Script unknownUser = new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.equals("r2@example.org")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 <r2@example.org>: scripted: user unknown")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(unknownUser)) {
            EngineRun run = new EngineRun(dir).attempts(3);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.accepted()).isEqualTo(2);
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.retries()).isZero();
            assertThat(report.stoppedBecause()).isEmpty();
            assertThat(server.acceptedRecipients()).containsExactly("r1@example.org", "r3@example.org");
            assertThat(server.commands().stream().filter(c -> c.contains("<r2@example.org>")))
                    .hasSize(1);
            assertThat(server.commands()).anySatisfy(c -> assertThat(c).endsWith("RSET"));
            DeliveryReport journal = run.report();
            assertThat(journal.count("rejected")).isEqualTo(1);
            assertThat(journal.byCode()).containsEntry(550, 1L).containsEntry(250, 2L);
            assertThat(journal.rejected()).singleElement().satisfies(entry -> {
                assertThat(entry.email()).isEqualTo("r2@example.org");
                assertThat(entry.hardBounce()).isTrue();
                assertThat(entry.reply()).contains("user unknown");
            });
        }
        try (ScriptedSmtpServer second = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            MailingReport again = new EngineRun(dir).send(second.port(), recipients);

            assertThat(again.skipped()).isEqualTo(3);
            assertThat(second.accepted()).isEmpty();
        }
    }
}
