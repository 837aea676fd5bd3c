package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} then {@code report} through the command line, against a server that rejects and defers some. */
class SendAndReportCommandIT {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Context context = new Context(
                new PrintWriter(o, true),
                new PrintWriter(e, true),
                Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SendProcess.SECRET),
                Clock.systemUTC(),
                false);
        int code = Main.run(context, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void sendExitsOneWhenSomeAreNotAcceptedAndReportShowsWhoAndWhy() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return switch (recipient) {
                    case "reader2@example.org" -> ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: no such user");
                    case "reader3@example.org" -> ScriptedSmtpServer.Reply.of(451, "4.7.1 scripted: greylisted");
                    default -> ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
                };
            }
        })) {
            Path project = SendProcess.project(dir, server.port(), 2, 6);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();

            assertThat(run("send", issue, "--config", config, "--yes"))
                    .as(out + err)
                    .isEqualTo(1);
            assertThat(out).contains("accepted 4, deferred 1, rejected 1");
            assertThat(server.acceptedRecipients()).hasSize(4);

            assertThat(run("report", issue, "--config", config)).isZero();
            assertThat(out)
                    .contains("accepted           4")
                    .contains("rejected           1")
                    .contains("reader2@example.org")
                    .contains("5.1.1 scripted: no such user")
                    .contains("[hard bounce]")
                    .contains("reader3@example.org")
                    .contains("greylisted")
                    .contains("example.org");

            assertThat(run("report", issue, "--config", config, "--format", "json"))
                    .isZero();
            assertThat(out).contains("\"byCode\"").contains("\"550\" : 1").contains("\"hardBounce\" : true");

            assertThat(run("report", issue, "--config", config, "--format", "csv"))
                    .isZero();
            assertThat(out.split("\r\n"))
                    .contains("state,email,code,status,reply,message_id,attempt,time,hard_bounce")
                    .anySatisfy(line -> assertThat(line).startsWith("rejected,reader2@example.org,550,5.1.1,"))
                    .anySatisfy(line -> assertThat(line).startsWith("deferred,reader3@example.org,451,4.7.1,"));

            assertThat(run("report", issue, "--config", config, "--format", "html"))
                    .isZero();
            assertThat(out)
                    .startsWith("<!DOCTYPE html>")
                    .contains("<td class=\"addr\">reader2@example.org</td><td class=\"n\">550</td>")
                    .contains("5.1.1 scripted: no such user")
                    .doesNotContain("<reader");
        }
    }

    @Test
    void reportBeforeAnySendSaysSo() throws Exception {
        Path project = SendProcess.project(dir, 25, 1, 2);
        assertThat(run(
                        "report",
                        project.resolve("issues/2024-fall.yaml").toString(),
                        "--config",
                        project.resolve("config/newsletter.yaml").toString()))
                .isZero();
        assertThat(err).contains("Nothing sent yet");
    }
}
