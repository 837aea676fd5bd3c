package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which journal a send reads: capture-mode sends and test sends never make a real send through the
 * relay skip anyone; a send that skips everyone says why; the relay prompt says what it is about to do.
 */
class JournalSeparationIT {
    @TempDir
    Path dir;

    private String out;
    private String err;
    private final List<String> questions = new ArrayList<>();

    private int run(boolean terminal, String answer, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Context context = new Context(
                new PrintWriter(o, true),
                new PrintWriter(e, true),
                Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SendProcess.SECRET),
                Clock.systemUTC(),
                terminal,
                question -> {
                    questions.add(question);
                    return answer;
                });
        int code = Main.run(context, args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    private int run(String... args) {
        return run(false, null, args);
    }

    @Test
    void aSendInCaptureModeDoesNotMakeTheFirstRelaySendSkipAnyone() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), 2, 4);
            Path config = project.resolve("config/newsletter.yaml");
            String relay = Files.readString(config);
            Files.writeString(config, relay.replace("mode: relay", "mode: capture"));
            String issue = project.resolve("issues/2024-fall.yaml").toString();

            assertThat(run("send", issue, "--config", config.toString(), "--yes"))
                    .as(out + err)
                    .isZero();
            assertThat(out).contains("accepted 4,");
            Files.writeString(config, relay);

            assertThat(run("send", issue, "--config", config.toString(), "--yes"))
                    .as(out + err)
                    .isZero();

            assertThat(out).contains("accepted 4,").contains("skipped 0");
            assertThat(server.acceptedRecipients()).hasSize(4);
        }
    }

    @Test
    void aSendThatSkipsEveryoneSaysWhy() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), 2, 3);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            assertThat(run("send", issue, "--config", config, "--yes")).isZero();

            assertThat(run("send", issue, "--config", config, "--yes")).isZero();

            assertThat(out)
                    .contains("skipped 3")
                    .contains("Nothing to send: all 3 recipients are in the journal")
                    .contains(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl")
                            .toString())
                    .contains("capture-mode sends are journaled under var/capture/");
        }
    }

    @Test
    void aTestSendThroughTheRelayDoesNotMakeTheSendSkipThatAddress() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), 1, 2);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            Files.writeString(
                    project.resolve("subscribers/test.csv"),
                    "email,name,status,subscribed_at,tags\nreader1@example.org,Reader 1,active,2024-01-01,\n");

            assertThat(run("test", issue, "--to", "reader1@example.org", "--config", config))
                    .as(out + err)
                    .isZero();
            assertThat(run("send", issue, "--list", "test", "--config", config, "--yes"))
                    .as(out + err)
                    .isZero();

            assertThat(out).contains("accepted 1,").contains("skipped 0");
            assertThat(server.acceptedRecipients()).containsExactly("reader1@example.org", "reader1@example.org");
        }
    }

    @Test
    void theRelayPromptSaysHowManyAndThroughWhichRelayAndNoExits1() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            Path project = SendProcess.project(dir, server.port(), 1, 3);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            assertThat(run("send", issue, "--config", config, "--yes", "--limit", "1"))
                    .isZero();

            int code = run(true, "n", "send", issue, "--config", config);

            assertThat(code).isEqualTo(1);
            assertThat(err).contains("nothing sent: declined");
            assertThat(questions)
                    .singleElement()
                    .asString()
                    .contains("to 2 subscribers of list 'pdl-packet'")
                    .contains("through the relay 127.0.0.1:" + server.port());
            assertThat(server.acceptedRecipients()).hasSize(1);
        }
    }

    private static ScriptedSmtpServer.Script unknownReader2() {
        return new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                return recipient.equals("reader2@example.org")
                        ? ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: no such user")
                        : ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
            }
        };
    }

    @Test
    void aHardBounceAtSendTimeIsMarkedBouncedAndSuppressed() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(unknownReader2())) {
            Path project = SendProcess.project(dir, server.port(), 1, 2);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();

            assertThat(run("send", issue, "--config", config, "--yes")).isEqualTo(1);

            assertThat(out)
                    .contains("1 address marked bounced and suppressed (5.1.x")
                    .doesNotContain("subscribers bounced");
            assertThat(Files.readString(project.resolve("subscribers/pdl-packet.csv")))
                    .contains("reader2@example.org,Reader 2,bounced,")
                    .contains("reader1@example.org,Reader 1,active,");
            assertThat(Files.readString(project.resolve("subscribers/suppressed.csv")))
                    .contains("reader2@example.org,hard-bounce,")
                    .doesNotContain("reader1@");
        }
    }

    @Test
    void withSuppressHardBouncesOffTheSendSaysHowAndSubscribersBouncedDoesIt() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(unknownReader2())) {
            Path project = SendProcess.project(dir, server.port(), 1, 2);
            Path configFile = project.resolve("config/newsletter.yaml");
            Files.writeString(
                    configFile,
                    Files.readString(configFile).replace("sending:\n", "sending:\n  suppressHardBounces: false\n"));
            String config = configFile.toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            String list = Files.readString(project.resolve("subscribers/pdl-packet.csv"));

            assertThat(run("send", issue, "--config", config, "--yes")).isEqualTo(1);

            assertThat(out)
                    .contains("1 address does not exist (5.1.x)")
                    .contains("./newsletter subscribers bounced --list pdl-packet");
            assertThat(Files.readString(project.resolve("subscribers/pdl-packet.csv")))
                    .isEqualTo(list);

            assertThat(run("subscribers", "bounced", "--config", config)).isZero();

            assertThat(out).contains("reader2@example.org: suppressed (hard-bounce) and marked bounced in pdl-packet");
            assertThat(Files.readString(project.resolve("subscribers/pdl-packet.csv")))
                    .contains("reader2@example.org,Reader 2,bounced,");
            assertThat(Files.readString(project.resolve("subscribers/suppressed.csv")))
                    .contains("reader2@example.org,hard-bounce,");
        }
    }

    @Test
    void aFailureToMarkTheHardBouncesIsNotedAndKeepsTheSendsExitCode() throws Exception {
        Path[] suppressed = new Path[1];
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {
            @Override
            public ScriptedSmtpServer.Reply rcpt(String recipient, int seen) {
                if (!recipient.equals("reader2@example.org")) {
                    return ScriptedSmtpServer.Reply.ok("2.1.5 Ok");
                }
                try {
                    // the suppression list becomes a folder mid-send: nothing can be written to it
                    Files.deleteIfExists(suppressed[0]);
                    Files.createDirectory(suppressed[0]);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return ScriptedSmtpServer.Reply.of(550, "5.1.1 scripted: no such user");
            }
        })) {
            Path project = SendProcess.project(dir, server.port(), 1, 2);
            suppressed[0] = project.resolve("subscribers/suppressed.csv");
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            String list = Files.readString(project.resolve("subscribers/pdl-packet.csv"));

            assertThat(run("send", issue, "--config", config, "--yes")).isEqualTo(1);

            assertThat(out)
                    .contains("Could not mark the address that does not exist (5.1.x) bounced: ")
                    .contains("./newsletter subscribers bounced --list pdl-packet");
            assertThat(server.acceptedRecipients()).containsExactly("reader1@example.org");
            assertThat(Files.readString(project.resolve("subscribers/pdl-packet.csv")))
                    .isEqualTo(list);
        }
    }
}
