package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that accepts the connection and never greets: the read timeout ends the wait. */
class SilentGreetingIT {
    /** How long the hung server is waited for: well above any reply of a busy but working one. */
    private static final Duration HUNG = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    @Test
    void aSilentGreetingTimesOutAndANewConnectionIsOpened() {
        List<String> recipients = EngineRun.recipients(3);
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Greeting greeting(int connection) {
                return connection == 1 ? ScriptedSmtpServer.Greeting.SILENT : ScriptedSmtpServer.Greeting.GREET;
            }
        })) {
            EngineRun run = new EngineRun(dir).timeout(HUNG);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.complete()).isTrue();
            assertThat(server.connections()).isEqualTo(2);
            assertThat(server.acceptedRecipients()).containsExactlyElementsOf(recipients);
            assertThat(run.report().results()).isEqualTo(3);
            assertThat(run.report().count("accepted")).isEqualTo(3);
        }
    }
}
