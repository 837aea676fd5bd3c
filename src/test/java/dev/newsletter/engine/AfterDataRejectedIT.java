package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 552/554 after the final dot. A mailbox status (5.2.2 mailbox full) rejects that recipient; a
 * refusal of the message itself (5.3.4 too big, 5.7.1 content) would be the same for everyone:
 * the run stops at once and nobody is rejected for good.
 */
class AfterDataRejectedIT {
    @TempDir
    Path dir;

    @Test
    void a552MailboxFullRejectsOnlyThatRecipient() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.equals("r2@example.org")
                        ? ScriptedSmtpServer.Reply.of(552, "5.2.2 scripted: mailbox full")
                        : ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.rejected()).isEqualTo(1);
            assertThat(report.accepted()).isEqualTo(2);
            assertThat(report.stoppedBecause()).isEmpty();
            assertThat(server.acceptedRecipients()).containsExactly("r1@example.org", "r3@example.org");
            DeliveryReport journal = run.report();
            assertThat(journal.rejected()).singleElement().satisfies(entry -> {
                assertThat(entry.code()).isEqualTo(552);
                assertThat(entry.hardBounce()).isFalse();
            });
        }
    }

    @Test
    void a552MessageTooBigStopsTheRunAndKeepsTheRecipientForTheNextRun() {
        List<String> recipients = EngineRun.recipients(4);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return recipient.equals("r2@example.org")
                        ? ScriptedSmtpServer.Reply.of(552, "5.3.4 scripted: message size exceeds fixed limit")
                        : ScriptedSmtpServer.Reply.ok("2.0.0 Ok");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("refused the message itself"));
            assertThat(report.rejected()).isZero();
            assertThat(server.acceptedRecipients()).containsExactly("r1@example.org");
            DeliveryReport journal = run.report();
            assertThat(journal.count("rejected")).isZero();
            assertThat(journal.deferred()).singleElement().satisfies(entry -> {
                assertThat(entry.email()).isEqualTo("r2@example.org");
                assertThat(entry.code()).isEqualTo(552);
                assertThat(entry.reply()).contains("size exceeds");
            });
            assertThat(journal.recipients()).isEqualTo(2);
        }
    }

    @Test
    void a554ForEveryMessageStopsAtTheFirstAndTheNextRunSendsEveryone() {
        List<String> recipients = EngineRun.recipients(5);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply afterDot(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.of(554, "5.7.1 scripted: message refused as spam");
            }
        })) {
            EngineRun run = new EngineRun(dir).workers(2);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.stoppedBecause()).isPresent();
            assertThat(report.rejected()).isZero();
            assertThat(server.accepted()).isEmpty();
            assertThat(run.report().count("rejected")).isZero();
            assertThat(run.report().recipients()).isLessThanOrEqualTo(2);
        }
        try (ScriptedSmtpServer fixed = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            EngineRun again = new EngineRun(dir);
            MailingReport second = again.send(fixed.port(), recipients);

            assertThat(second.complete()).isTrue();
            assertThat(fixed.acceptedRecipients()).containsExactlyElementsOf(recipients);
        }
    }
}
