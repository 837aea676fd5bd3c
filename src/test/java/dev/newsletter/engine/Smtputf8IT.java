package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.mailing.MailingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With smtp.smtputf8 on and a relay that does not offer SMTPUTF8 (RFC 6531): an address with a
 * non-ASCII local part is rejected with 553 5.6.7 without being tried, the others go out, and no
 * header carries raw UTF-8.
 */
class Smtputf8IT {
    @TempDir
    Path dir;

    @Test
    void aUtf8AddressIsNotSentToARelayWithoutSmtputf8() {
        List<String> recipients = List.of("r1@example.org", "jos\u00e9@example.org", "r3@example.org");
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            EngineRun run = new EngineRun(dir).smtputf8(true);
            MailingReport report = run.send(server.port(), recipients);

            assertThat(report.accepted()).isEqualTo(2);
            assertThat(report.rejected()).isEqualTo(1);
            assertThat(server.acceptedRecipients()).containsExactly("r1@example.org", "r3@example.org");
            assertThat(server.commands()).noneMatch(command -> command.contains("jos\u00e9"));
            assertThat(server.commands()).noneMatch(command -> command.contains("SMTPUTF8"));
            assertThat(run.report().rejected()).singleElement().satisfies(entry -> {
                assertThat(entry.email()).isEqualTo("jos\u00e9@example.org");
                assertThat(entry.reply()).contains("5.6.7").contains("SMTPUTF8");
            });
        }
    }
}
