package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers that would be the same for every recipient stop the run at once, with a clear reason,
 * and leave everyone not yet sent for the next run: 5xx to MAIL FROM or DATA, a refused login, TLS
 * required but not offered, too many errors.
 */
class RunStoppersIT {
    @TempDir
    Path dir;

    @Test
    void a550ToMailFromStopsTheRun() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply mailFrom(int connection) {
                return ScriptedSmtpServer.Reply.of(550, "5.7.1 scripted: sender not allowed");
            }
        })) {
            EngineRun run = new EngineRun(dir).workers(2);
            MailingReport report = run.send(server.port(), EngineRun.recipients(10));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("refused the sender"));
            assertThat(report.rejected()).isZero();
            assertThat(server.count("MAIL FROM")).isLessThanOrEqualTo(2);
            assertThat(run.report().count("rejected")).isZero();
            assertThat(run.report().inDoubt()).isEmpty();
        }
    }

    @Test
    void relayDeniedOnRcptStopsTheRunInsteadOfRejectingEveryone() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.of(554, "5.7.1 <" + recipient + ">: Relay access denied");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), EngineRun.recipients(10));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("Relay access denied"));
            assertThat(report.rejected()).isZero();
            assertThat(server.count("RCPT TO")).isEqualTo(1);
            assertThat(run.report().count("rejected")).isZero();
            assertThat(run.report().deferred())
                    .singleElement()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(554));
        }
    }

    @Test
    void a554ToDataStopsTheRun() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply data(String recipient) {
                return ScriptedSmtpServer.Reply.of(554, "5.5.1 scripted: no valid recipients");
            }
        })) {
            EngineRun run = new EngineRun(dir);
            MailingReport report = run.send(server.port(), EngineRun.recipients(3));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("DATA"));
            assertThat(server.count("DATA")).isEqualTo(1);
            assertThat(run.report().count("rejected")).isZero();
        }
    }

    @Test
    void aRefusedLoginStopsTheRun() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public boolean offersAuth() {
                return true;
            }
        })) {
            EngineRun run = new EngineRun(dir).username("editor");
            MailingReport report = run.send(server.port(), EngineRun.recipients(3));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("refused the login"));
            assertThat(server.count("MAIL FROM")).isZero();
            assertThat(run.report().recipients()).isZero();
        }
    }

    @Test
    void requiredStartTlsThatIsNotOfferedStopsTheRunBeforeAnythingIsSent() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            EngineRun run = new EngineRun(dir).tls(Tls.STARTTLS_REQUIRED);
            MailingReport report = run.send(server.port(), EngineRun.recipients(3));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("STARTTLS"));
            assertThat(server.count("MAIL FROM")).isZero();
        }
    }

    @Test
    void theRunStopsAfterMaxErrorsRecipientsNotAccepted() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: user unknown");
            }
        })) {
            EngineRun run = new EngineRun(dir).maxErrors(3);
            MailingReport report = run.send(server.port(), EngineRun.recipients(10));

            assertThat(report.stoppedBecause())
                    .hasValueSatisfying(reason -> assertThat(reason).contains("sending.maxErrors"));
            assertThat(report.rejected()).isEqualTo(3);
            assertThat(run.report().count("rejected")).isEqualTo(3);
        }
    }
}
