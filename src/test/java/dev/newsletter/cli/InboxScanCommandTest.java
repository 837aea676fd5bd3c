package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code inbox scan}: what it prints for a maildir of returns, and that it changes nothing. */
class InboxScanCommandTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);

    @TempDir
    Path dir;

    private SampleProject project;
    private Path maildir;
    private String ourId;

    @BeforeEach
    void aProjectThatSentTheFallIssueAndAMaildirOfReturns() throws IOException {
        project = SubscriberFiles.inSampleProject(dir);
        ourId = ReturnMail.messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse("ana.lima@example.org"));
        try (DeliveryJournal journal =
                DeliveryJournal.open(dir.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            journal.attempt("ana.lima@example.org", ourId, 1);
        }
        maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        write("new/1730710801.M1P1.mx", """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; Ana.Lima@example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <ana.lima@example.org>... User Unknown

                Final-Recipient: rfc822; zoe.mueller@example.org
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: ana.lima@example.org
                Message-ID: %s
                --B--
                """.formatted(ourId));
        String token = new UnsubscribeTokens(SECRET.getBytes(StandardCharsets.UTF_8))
                .token("pdl-packet", EmailAddress.parse("priya.raman@example.org"));
        write(
                "cur/1730710802.M2P2.mx:2,S",
                "From: priya.raman@example.org\nTo: unsubscribe@pdl.example.org\nSubject: unsubscribe-" + token
                        + "\n\n");
        write("cur/1730710803.M3P3.mx:2,", "From: friend@example.com\nSubject: hello\n\nJust saying hi.\n");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(maildir.resolve(name), content);
    }

    private SampleProject.Run scan(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("inbox", "scan"));
        args.addAll(List.of(options));
        return project.run(ENV, args.toArray(String[]::new));
    }

    @Test
    void jsonGivesOneLinePerMessageAndRecipientAttributedThroughTheJournal() throws IOException {
        byte[] listBefore = Files.readAllBytes(project.listFile());

        SampleProject.Run run = scan("--maildir", maildir.toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> lines = run.out()
                .lines()
                .map(line -> JsonMapper.builder().build().readTree(line))
                .toList();
        assertThat(lines).hasSize(4);
        JsonNode hard = lines.get(0);
        assertThat(hard.get("source").asString()).isEqualTo("1730710801.M1P1.mx");
        assertThat(hard.get("kind").asString()).isEqualTo("hard-bounce");
        assertThat(hard.get("recipient").asString()).isEqualTo("ana.lima@example.org");
        assertThat(hard.get("status").asString()).isEqualTo("5.1.1");
        assertThat(hard.get("diagnostic").asString()).isEqualTo("550 5.1.1 <ana.lima@example.org>... User Unknown");
        assertThat(hard.get("messageId").asString()).isEqualTo(ourId);
        assertThat(hard.get("issue").asString()).isEqualTo("2024-fall");
        assertThat(hard.get("list").asString()).isEqualTo("pdl-packet");
        assertThat(hard.get("action").asString()).isEqualTo("suppress");
        assertThat(lines.get(1).get("kind").asString()).isEqualTo("soft-bounce");
        // the report names a second address, but our message (its Message-ID) went to ana only
        assertThat(lines.get(1).get("recipient").asString()).isEqualTo("zoe.mueller@example.org");
        assertThat(lines.get(1).get("action").asString()).isEqualTo("none");
        assertThat(lines.get(1).get("result").asString()).contains("our message went to ana.lima@example.org");
        assertThat(hard.has("result"))
                .as("a dry run's line has a result only when it explains a none")
                .isFalse();
        assertThat(lines.get(2).get("source").asString()).isEqualTo("1730710802.M2P2.mx");
        assertThat(lines.get(2).get("kind").asString()).isEqualTo("unsubscribe");
        assertThat(lines.get(2).get("recipient").asString()).isEqualTo("priya.raman@example.org");
        assertThat(lines.get(2).get("list").asString()).isEqualTo("pdl-packet");
        assertThat(lines.get(3).get("kind").asString()).isEqualTo("other");
        assertThat(lines.get(3).get("recipient").isNull()).isTrue();
        assertThat(lines.get(3).get("issue").isNull()).isTrue();
        assertThat(lines.get(3).get("action").asString()).isEqualTo("none");
        assertThat(run.err()).contains("3 messages").contains("nothing was changed");
        assertThat(Files.readAllBytes(project.listFile())).isEqualTo(listBefore);
        assertThat(Files.exists(maildir.resolve("new/1730710801.M1P1.mx"))).isTrue();
    }

    @Test
    void theTableIsForPeople() {
        SampleProject.Run run = scan("--maildir", maildir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("SOURCE")
                .contains("hard-bounce")
                .contains("2024-fall/pdl-packet")
                .contains("1 hard-bounce, 1 soft-bounce, 1 unsubscribe, 1 other");
    }

    @Test
    void anMboxIsScannedMessageByMessage() throws IOException {
        Path mbox = dir.resolve("bounces.mbox");
        Files.writeString(
                mbox,
                "From MAILER-DAEMON Mon Nov  4 09:00:01 2024\n"
                        + Files.readString(maildir.resolve("new/1730710801.M1P1.mx"))
                        + "\nFrom friend@example.com Mon Nov  4 09:00:02 2024\nFrom: friend@example.com\nSubject: hi\n\nhi\n");

        SampleProject.Run run = scan("--mbox", mbox.toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines().map(line -> line.substring(0, line.indexOf(",\"kind\""))))
                .containsExactly("{\"source\":\"mbox:1\"", "{\"source\":\"mbox:1\"", "{\"source\":\"mbox:2\"");
    }

    @Test
    void badArgumentsAndUnreadableSourcesExitTwo() {
        assertThat(scan().code()).isEqualTo(2);
        assertThat(scan().err()).contains("no inbox: section").contains("--maildir DIR, --mbox FILE or --stdin");
        assertThat(scan("--maildir", maildir.toString(), "--stdin").code()).isEqualTo(2);
        assertThat(scan("--maildir", dir.resolve("nowhere").toString()).err()).contains("no such folder");
        assertThat(scan("--maildir", dir.resolve("nowhere").toString()).code()).isEqualTo(2);
        assertThat(scan("--mbox", dir.resolve("nothing.mbox").toString()).code())
                .isEqualTo(2);
        assertThat(scan("--maildir", maildir.toString(), "--format", "xml").code())
                .isEqualTo(2);
        assertThat(scan("--maildir", maildir.toString(), "--apply", "--format", "xml")
                        .code())
                .isEqualTo(2);
        assertThat(scan("--maildir", dir.resolve("nowhere").toString()).err()).doesNotContain("Exception");
    }

    @Test
    void withoutTheSecretMailedUnsubscribesAreOtherAndAWarningSaysSo() {
        SampleProject.Run run =
                project.run(Map.of(), "inbox", "scan", "--maildir", maildir.toString(), "--format", "json");

        assertThat(run.code()).isZero();
        assertThat(run.err()).contains("warning: mailed unsubscribes cannot be checked");
        assertThat(run.out()).doesNotContain("\"unsubscribe\"");
    }

    @Test
    void aMessageIdThatIsNotOursIsNotShown() throws IOException {
        write("new/1730710804.M4P4.mx", """
                From: reader@example.com
                To: editor@pdl.example.org
                Subject: Out of office
                Auto-Submitted: auto-replied
                In-Reply-To: <CAF0000personal@mail.example.com>

                Away.
                """);

        SampleProject.Run run = scan("--maildir", maildir.toString(), "--format", "json");

        JsonNode autoReply = run.out()
                .lines()
                .map(line -> JsonMapper.builder().build().readTree(line))
                .filter(line -> line.get("source").asString().equals("1730710804.M4P4.mx"))
                .findFirst()
                .orElseThrow();
        assertThat(autoReply.get("kind").asString()).isEqualTo("auto-reply");
        assertThat(autoReply.get("recipient").asString()).isEqualTo("reader@example.com");
        assertThat(autoReply.get("messageId").isNull()).isTrue();
        assertThat(autoReply.get("issue").isNull()).isTrue();
    }
}
