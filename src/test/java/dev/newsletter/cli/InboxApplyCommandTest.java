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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code inbox scan --apply}: it keeps the sample project's list clean, and a second run changes nothing. */
class InboxApplyCommandTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);
    private static final String LIST = "subscribers/pdl-packet.csv";
    private static final String SUPPRESSED = "subscribers/suppressed.csv";

    @TempDir
    Path dir;

    private SampleProject project;
    private Path maildir;

    @BeforeEach
    void theSampleProjectSentTheFallIssueAndReturnsCameBack() throws IOException {
        project = SampleProject.copyTo(dir.resolve("project"));
        Map<String, String> ids = new java.util.HashMap<>();
        try (DeliveryJournal journal =
                DeliveryJournal.open(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            for (String reader : List.of("ana.lima@example.org", "zoe.mueller@example.org", "ops-team@example.org")) {
                String id = ReturnMail.messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse(reader));
                ids.put(reader, id);
                journal.attempt(reader, id, 1);
            }
        }
        maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        // a hard bounce (the address in another spelling) and a soft one, each with our Message-ID
        write("new/1730710801.M1P1.mx", """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-1@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; Ana.Lima@Example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <ana.lima@example.org>... User Unknown

                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: ana.lima@example.org
                Message-ID: %s
                --B--
                """.formatted(ids.get("ana.lima@example.org")));
        write("new/1730710801.M1P2.mx", """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Delayed Mail (still being retried)
                Message-ID: <dsn-2@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; ops-team@example.org
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: ops-team@example.org
                Message-ID: %s
                --B--
                """.formatted(ids.get("ops-team@example.org")));
        // a spam complaint, without a Message-ID of its own (known by its hash)
        write("new/1730710802.M2P2.mx", """
                From: Example Mail <feedback@example.net>
                To: abuse@pdl.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: text/plain

                This is an email abuse report.

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Rcpt-To: zoe.mueller@example.org

                --F1
                Content-Type: message/rfc822

                From: The PDL Packet <packet@pdl.example.org>
                To: zoe.mueller@example.org
                Subject: The PDL Packet, fall 2024
                Message-ID: %s

                Hello, readers.
                --F1--
                """.formatted(ids.get("zoe.mueller@example.org")));
        String token = new UnsubscribeTokens(SECRET.getBytes(StandardCharsets.UTF_8))
                .token("pdl-packet", EmailAddress.parse("priya.raman@example.org"));
        write(
                "cur/1730710803.M3P3.mx:2,S",
                "From: priya.raman@example.org\nTo: unsubscribe@pdl.example.org\nSubject: unsubscribe-" + token
                        + "\n\n");
        // a hard bounce for someone on no list, and an out-of-office reply
        write("cur/1730710804.M4P4.mx:2,", """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; stranger@example.org
                Action: failed
                Status: 5.1.1
                --B--
                """);
        write(
                "cur/1730710805.M5P5.mx:2,",
                "From: ana.lima@example.org\nSubject: Out of office\nAuto-Submitted: auto-replied\n\nAway.\n");
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(maildir.resolve(name), content);
    }

    private SampleProject.Run scan(String... options) {
        List<String> args = new ArrayList<>(List.of("inbox", "scan"));
        args.addAll(List.of(options));
        return project.run(ENV, args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(SampleProject.Run run) {
        JsonMapper json = JsonMapper.builder().build();
        return run.out().lines().map(json::readTree).toList();
    }

    @Test
    void applySuppressesHardBouncesAndComplainersUnsubscribesCountsAndTheSecondRunChangesNothing() throws IOException {
        SampleProject.Run first = scan("--maildir", maildir.toString(), "--apply", "--format", "json");

        assertThat(first.code()).as(first.err()).isZero();
        List<JsonNode> lines = lines(first);
        assertThat(lines)
                .extracting(line -> line.get("kind").asString() + " "
                        + line.get("recipient").asString("-") + " "
                        + line.get("action").asString())
                .containsExactly(
                        "hard-bounce ana.lima@example.org suppress",
                        "soft-bounce ops-team@example.org count",
                        "complaint zoe.mueller@example.org suppress",
                        "unsubscribe priya.raman@example.org unsubscribe",
                        "hard-bounce stranger@example.org none",
                        "auto-reply ana.lima@example.org none");
        assertThat(lines.get(0).get("result").asString()).contains("marked bounced in pdl-packet");
        assertThat(lines.get(4).get("result").asString()).contains("not ours");
        assertThat(first.err())
                .contains("6 messages")
                .contains("Applied: 2 suppress, 1 unsubscribe, 1 count, 2 none")
                .doesNotContain("already processed");

        String list = project.read(LIST);
        assertThat(list)
                .contains("ana.lima@example.org,Ana Lima,bounced,")
                .contains("zoe.mueller@example.org,Zoë Müller,complained,")
                .contains("priya.raman@example.org,\"Priya Raman, PhD\",unsubscribed,")
                .contains("ops-team@example.org,,active,");
        String suppressed = project.read(SUPPRESSED);
        assertThat(suppressed.lines())
                .anyMatch(line -> line.startsWith("ana.lima@example.org,hard-bounce,"))
                .anyMatch(line -> line.startsWith("zoe.mueller@example.org,complaint,"))
                .anyMatch(line -> line.startsWith("priya.raman@example.org,mailto,"))
                .noneMatch(line -> line.startsWith("ops-team@example.org"))
                .noneMatch(line -> line.startsWith("stranger@example.org"));
        assertThat(project.read("var/bounces.jsonl").lines()).hasSize(1);
        assertThat(project.read("var/inbox/processed.jsonl").lines()).hasSize(6);
        assertThat(project.run("subscribers", "lint").code())
                .as("the list with its new statuses is still valid")
                .isNotEqualTo(2);

        String bounces = project.read("var/bounces.jsonl");
        String processed = project.read("var/inbox/processed.jsonl");
        SampleProject.Run second = scan("--maildir", maildir.toString(), "--apply", "--format", "json");

        assertThat(second.code()).as(second.err()).isZero();
        assertThat(lines(second))
                .extracting(line -> line.get("action").asString())
                .containsOnly("none");
        assertThat(lines(second))
                .extracting(line -> line.get("result").asString())
                .containsOnly("already processed");
        assertThat(second.err()).contains("(6 messages already processed)");
        assertThat(project.read(LIST)).isEqualTo(list);
        assertThat(project.read(SUPPRESSED)).isEqualTo(suppressed);
        assertThat(project.read("var/bounces.jsonl")).isEqualTo(bounces);
        assertThat(project.read("var/inbox/processed.jsonl")).isEqualTo(processed);
    }

    @Test
    void aComplaintWithARedactedRecipientIsAppliedToTheAddressOurMessageWentTo() throws IOException {
        // mailbox providers redact the complainer (RFC 6590); our Message-ID still says who it was
        String id = ReturnMail.messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse("zoe.mueller@example.org"));
        Path redacted = dir.resolve("Redacted");
        Files.createDirectories(redacted.resolve("new"));
        Files.createDirectories(redacted.resolve("cur"));
        Files.writeString(redacted.resolve("new/1730710901.M1P1.mx"), """
                From: fbl@isp.example.net
                To: abuse@pdl.example.org
                Subject: Abuse report
                Message-ID: <arf-redacted@isp.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Rcpt-To: xxxxxxxxxxxxxxx@example.org

                --F1
                Content-Type: message/rfc822

                From: The PDL Packet <packet@pdl.example.org>
                To: xxxxxxxxxxxxxxx@example.org
                Subject: The PDL Packet, fall 2024
                Message-ID: %s

                Hello, readers.
                --F1--
                """.formatted(id));

        SampleProject.Run run = scan("--maildir", redacted.toString(), "--apply", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(lines(run))
                .extracting(line -> line.get("kind").asString() + " "
                        + line.get("recipient").asString("-") + " "
                        + line.get("action").asString())
                .containsExactly("complaint zoe.mueller@example.org suppress");
        assertThat(project.read(LIST)).contains("zoe.mueller@example.org,Zoë Müller,complained,");
    }

    @Test
    void aCrashAfterTheChangesButBeforeTheRecordsOnlyRepeatsThemHarmlessly() throws IOException {
        assertThat(scan("--maildir", maildir.toString(), "--apply").code()).isZero();
        String list = project.read(LIST);
        String suppressed = project.read(SUPPRESSED);
        // as if the process died after every list change and before any processed record was written
        Files.delete(project.resolve("var/inbox/processed.jsonl"));

        SampleProject.Run again = scan("--maildir", maildir.toString(), "--apply", "--format", "json");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(project.read(LIST)).isEqualTo(list);
        assertThat(project.read(SUPPRESSED)).isEqualTo(suppressed);
        assertThat(lines(again))
                .filteredOn(line -> line.get("kind").asString().equals("soft-bounce"))
                .singleElement()
                .satisfies(line -> assertThat(line.get("result").asString()).contains("(1 of 3 issues)"));
        assertThat(project.read("var/inbox/processed.jsonl").lines()).hasSize(6);
    }

    @Test
    void theTableSaysWhatWasDone() {
        SampleProject.Run run = scan("--maildir", maildir.toString(), "--apply");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("RESULT")
                .contains("marked bounced in pdl-packet")
                .contains("Applied: 2 suppress, 1 unsubscribe, 1 count, 2 none.");
    }

    @Test
    void withoutApplyNothingChanges() {
        String list = project.read(LIST);
        String suppressed = project.read(SUPPRESSED);

        SampleProject.Run run = scan("--maildir", maildir.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Dry run: nothing was changed");
        assertThat(project.read(LIST)).isEqualTo(list);
        assertThat(project.read(SUPPRESSED)).isEqualTo(suppressed);
        assertThat(Files.exists(project.resolve("var/inbox"))).isFalse();
    }
}
