package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 451 on RCPT: deferred, retried with backoff in the run, and again on the next run. */
class RcptDeferredIT {
    @TempDir
    Path dir;

    private static ScriptedSmtpServer.Script greylisting(String always, String twice) {
        return new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                if (recipient.equals(always) || (recipient.equals(twice) && seen <= 2)) {
                    return ScriptedSmtpServer.Reply.of(451, "4.7.1 scripted: greylisted, try again later");
                }
                return ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
    }

    @Test
    void deferredRecipientsAreRetriedAndTheRestLeftForTheNextRun() {
        List<String> recipients = EngineRun.recipients(4);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(greylisting("r1@example.org", "r3@example.org"))) {
            EngineRun run = new EngineRun(dir).attempts(3);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isFalse();
            assertThat(report.accepted()).isEqualTo(3);
            assertThat(report.deferred()).isEqualTo(1);
            assertThat(report.retries()).isEqualTo(4);
            assertThat(server.acceptedRecipients())
                    .containsExactly("r2@example.org", "r3@example.org", "r4@example.org");
            assertThat(server.count("RCPT TO")).isEqualTo(3 + 3 + 1 + 1 - 1 + 1);
            assertThat(server.commands().stream().filter(c -> c.endsWith("RSET")))
                    .hasSize(5);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(3);
            assertThat(journal.count("deferred")).isEqualTo(1);
            assertThat(journal.deferred()).singleElement().satisfies(entry -> {
                assertThat(entry.email()).isEqualTo("r1@example.org");
                assertThat(entry.code()).isEqualTo(451);
                assertThat(entry.status()).isEqualTo("4.7.1");
                assertThat(entry.reply()).contains("greylisted");
                assertThat(entry.attempt()).isEqualTo(3);
            });
            assertThat(journal.inDoubt()).isEmpty();
        }

        try (ScriptedSmtpServer healed = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            EngineRun again = new EngineRun(dir);
            MailingReport second = again.send(healed.port(), recipients);

            assertThat(second.complete()).isTrue();
            assertThat(second.skipped()).isEqualTo(3);
            assertThat(healed.acceptedRecipients()).containsExactly("r1@example.org");
            assertThat(again.report().count("accepted")).isEqualTo(4);
        }
    }
}
