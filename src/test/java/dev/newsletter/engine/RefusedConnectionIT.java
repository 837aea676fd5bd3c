package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.MailingReport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections refused or reset before the greeting. */
class RefusedConnectionIT {
    @TempDir
    Path dir;

    @Test
    void aResetConnectionIsRetriedAndNobodyIsMarkedFailed() {
        List<String> recipients = EngineRun.recipients(4);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Greeting greeting(int connection) {
                return connection <= 2 ? ScriptedSmtpServer.Greeting.DROP : ScriptedSmtpServer.Greeting.GREET;
            }
        })) {
            EngineRun run = new EngineRun(dir).attempts(3);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            DeliveryReport journal = run.report();
            assertThat(journal.count("accepted")).isEqualTo(4);
            assertThat(journal.results()).isEqualTo(4);
            assertThat(journal.count("failed")).isZero();
        }
    }

    @Test
    void aServerThatRefusesEveryConnectionStopsTheRunWithNothingJournaled() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        EngineRun run = new EngineRun(dir).attempts(3).workers(2);
        MailingReport report = run.send(closedPort, EngineRun.recipients(10));

        assertThat(report.stoppedBecause())
                .hasValueSatisfying(
                        reason -> assertThat(reason).contains("cannot connect").contains("3 attempts"));
        assertThat(report.accepted() + report.deferred() + report.rejected() + report.failed())
                .isZero();
        DeliveryReport journal = run.report();
        assertThat(journal.recipients()).isZero();
        assertThat(journal.inDoubt()).isEmpty();
    }
}
