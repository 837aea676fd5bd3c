package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start, end to end on a temp copy of the sample project, through the embedded capture server. */
class SendCommandIT {
    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(dir);
    }

    @Test
    void sendsOnceThenSendsNothingOnTheSecondRun() throws Exception {
        SampleProject.Run first = send();

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("accepted 5, deferred 0, rejected 0, failed 0 (connection), skipped 0 (already done)");
        assertThat(emlFiles(dir.resolve("outbox/2024-fall")))
                .extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(
                        "ana.lima@example.org.eml",
                        "ops-team@example.org.eml",
                        "priya.raman@example.org.eml",
                        "sam.okafor@example.org.eml",
                        "zoe.mueller@example.org.eml");
        MimeMessage zoe = parse(dir.resolve("outbox/2024-fall/zoe.mueller@example.org.eml"));
        assertThat(zoe.getContentType()).startsWith("multipart/alternative");
        assertThat(zoe.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        SampleProject.Run second = send();

        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("accepted 0,").contains("skipped 5 (already done)");
        assertThat(emlFiles(dir.resolve("outbox/2024-fall"))).hasSize(5);
    }

    @Test
    void testSendGoesOnlyToTheGivenAddressWithATestSubject() throws Exception {
        SampleProject.Run run = sample.run("test", sample.issue().toString(), "--to", "me@example.org");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(emlFiles(dir.resolve("outbox/2024-fall/test")))
                .singleElement()
                .satisfies(file -> {
                    MimeMessage message = parse(file);
                    assertThat(message.getSubject()).isEqualTo("[TEST] The PDL Packet — Fall 2024");
                    assertThat(message.getAllRecipients())
                            .extracting(Object::toString)
                            .containsExactly("me@example.org");
                });
        assertThat(dir.resolve("outbox/2024-fall").toFile().list()).containsExactly("test");
        assertThat(dir.resolve("var/capture/2024-fall/_test.jsonl")).exists();
        assertThat(dir.resolve("var/capture/2024-fall/pdl-packet.jsonl")).doesNotExist();
    }

    @Test
    void testSendPersonalisesForAnAddressOnTheList() throws Exception {
        SampleProject.Run run =
                sample.run("test", sample.issue().toString(), "--to", "zoe.mueller@example.org,me@example.org");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("outbox/2024-fall/test/zoe.mueller@example.org.eml")))
                .contains("Dear Zo=C3=AB M=C3=BCller,");
    }

    @Test
    void aBadIssueFileExits2WithFileLineAndColumnAndSendsNothing() {
        sample.replace("issues/2024-fall.yaml", "    venue:", "    vneue:");

        SampleProject.Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).containsPattern("2024-fall\\.yaml:\\d+:\\d+: .*unknown key 'vneue'");
        assertNothingSent();
    }

    @Test
    void aBadConfigExits2WithFileAndLineAndSendsNothing() {
        sample.replace("config/newsletter.yaml", "  connections: 4", "  conections: 4");

        SampleProject.Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).containsPattern("newsletter\\.yaml:\\d+:3: unknown key 'conections'");
        assertNothingSent();
    }

    @Test
    void aBadSubscriberLineExits2NamingTheLineAndSendsNothing() {
        String list = sample.read("subscribers/pdl-packet.csv");
        sample.write("subscribers/pdl-packet.csv", list + "not-an-address,Bad Row,active,,,\n");
        long line = list.lines().count() + 1;

        SampleProject.Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("pdl-packet.csv:" + line + ": ");
        assertNothingSent();
    }

    @Test
    void aTemplateWithAnUnknownVariableExits2BeforeConnecting() {
        sample.replace("templates/issue.txt", "[(${issue.newsletter})]", "[(${issue.nope})]");

        SampleProject.Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("issue.txt").contains("'issue.nope', which does not exist");
        assertNothingSent();
    }

    @Test
    void aDryRunRefusesAMissingDkimKeyLikeARealSend() {
        sample.write(
                "config/newsletter.yaml",
                sample.read("config/newsletter.yaml")
                        + "\ndkim:\n  domain: pdl.example.org\n  selector: packet\n  privateKey: config/missing.pem\n");

        SampleProject.Run run = sample.run("send", sample.issue().toString(), "--dry-run");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("missing.pem");
        assertNothingSent();
    }

    @Test
    void renderWritesHtmlTextAndEmlAndPrintsTheirPaths() {
        Path out = dir.resolve("preview");
        SampleProject.Run run = sample.run(
                "render",
                sample.issue().toString(),
                "--subscriber",
                "zoe.mueller@example.org",
                "--out",
                out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        List<String> paths = run.out().lines().toList();
        assertThat(paths).hasSize(3).allSatisfy(p -> assertThat(Path.of(p)).exists());
        assertThat(paths)
                .anyMatch(p -> p.endsWith(".html"))
                .anyMatch(p -> p.endsWith(".txt"))
                .anyMatch(p -> p.endsWith(".eml"));
    }

    @Test
    void renderFindsASubscriberWithANonAsciiLocalPartWhenTheConfigAllowsSmtputf8() {
        sample.replace("config/newsletter.yaml", "  timeoutSeconds: 30", "  timeoutSeconds: 30\n  smtputf8: true");
        sample.write(
                "subscribers/pdl-packet.csv",
                sample.read("subscribers/pdl-packet.csv") + "jos\u00e9@example.org,Jos\u00e9,active,,,\n");

        SampleProject.Run run = sample.run(
                "render",
                sample.issue().toString(),
                "--subscriber",
                "jos\u00e9@example.org",
                "--out",
                dir.resolve("preview").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3);
    }

    @Test
    void checkAndSendAcceptANonAsciiLocalPartWhenTheConfigAllowsSmtputf8() throws Exception {
        sample.replace("config/newsletter.yaml", "  timeoutSeconds: 30", "  timeoutSeconds: 30\n  smtputf8: true");
        sample.write(
                "subscribers/pdl-packet.csv",
                sample.read("subscribers/pdl-packet.csv") + "jos\u00e9@example.org,Jos\u00e9,active,,,\n");

        SampleProject.Run check = sample.run("check", sample.issue().toString());
        SampleProject.Run send = sample.run("send", sample.issue().toString(), "--yes");

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("6 active subscribers");
        assertThat(send.code()).as(send.out() + send.err()).isZero();
        assertThat(send.out()).contains("accepted 6");
        // the address goes raw (SMTPUTF8), the display name stays RFC 2047-encoded
        String jose = Files.readString(dir.resolve("outbox/2024-fall/jos_@example.org.eml"), StandardCharsets.UTF_8);
        assertThat(jose).contains("To: =?UTF-8?Q?Jos=C3=A9?= <jos\u00e9@example.org>");
        assertThat(jose.lines().filter(line -> line.startsWith("From: ")))
                .singleElement()
                .satisfies(from -> assertThat(from.chars()).allMatch(c -> c < 0x80));
    }

    @Test
    void helpListsTheCommandsWithExamples() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("send", "test", "render", "Examples:", "Exit codes");
    }

    @Test
    void anUnknownCommandOrOptionExits2() {
        assertThat(CliRun.of("sned").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("send", "--bogus").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("test", "issues/2024-fall.yaml").err()).contains("--to");
    }

    private SampleProject.Run send() {
        return sample.run("send", sample.issue().toString());
    }

    private void assertNothingSent() {
        assertThat(dir.resolve("outbox")).doesNotExist();
        assertThat(dir.resolve("var")).doesNotExist();
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    private static MimeMessage parse(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file, e);
        }
    }
}
