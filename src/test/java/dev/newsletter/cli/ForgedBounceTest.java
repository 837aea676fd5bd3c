package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
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

/**
 * The evidence rule: anyone can mail a "bounce" or a "complaint" about anyone, so a hard bounce, soft
 * bounce or complaint acts only when our own evidence (a Message-ID of ours that a journal maps to
 * that very address, or a verified return-path token) names the address. Forged reports about
 * subscribed readers suppress no one and say why.
 */
class ForgedBounceTest {
    private static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private SampleProject project;
    private Path maildir;
    private String anasId;

    @BeforeEach
    void theFallIssueWentToAnaOnly() throws IOException {
        project = SampleProject.copyTo(dir.resolve("project"));
        anasId = ReturnMail.messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse("ana.lima@example.org"));
        try (DeliveryJournal journal =
                DeliveryJournal.open(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            journal.attempt("ana.lima@example.org", anasId, 1);
        }
        maildir = dir.resolve("Maildir");
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
    }

    @Test
    void aForgedDsnAboutASubscribedAddressSuppressesNoOne() throws IOException {
        // zoe is subscribed, but we never sent her anything: no Message-ID of ours, no token
        write("1.M1.mx", dsn("zoe.mueller@example.org", "5.1.1", null));
        // a Message-ID of our shape that no journal holds (even one made with our secret)
        String madeUp =
                ReturnMail.messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse("sam.okafor@example.org"));
        write("2.M2.mx", dsn("sam.okafor@example.org", "5.1.1", madeUp));
        // our real Message-ID of ana's message, on a report naming priya
        write("3.M3.mx", dsn("priya.raman@example.org", "5.1.1", anasId));
        // a complaint about ops-team without any original of ours
        write("4.M4.mx", complaint("ops-team@example.org", null));
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run dry = scan(false);
        SampleProject.Run applied = scan(true);

        for (SampleProject.Run run : List.of(dry, applied)) {
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(lines(run))
                    .extracting(line -> line.get("kind").asString() + " "
                            + line.get("recipient").asString() + " "
                            + line.get("action").asString())
                    .containsExactly(
                            "hard-bounce zoe.mueller@example.org none",
                            "hard-bounce sam.okafor@example.org none",
                            "hard-bounce priya.raman@example.org none",
                            "complaint ops-team@example.org none");
            assertThat(lines(run))
                    .extracting(line -> line.get("result").asString())
                    .satisfiesExactly(
                            r -> assertThat(r).startsWith("not ours"),
                            r -> assertThat(r).startsWith("not ours"),
                            r -> assertThat(r).contains("our message went to ana.lima@example.org"),
                            r -> assertThat(r).startsWith("not ours"));
        }
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
        assertThat(Files.exists(project.resolve("var/bounces.jsonl"))).isFalse();
    }

    @Test
    void theSameReportWithOurEvidenceForThatAddressDoesSuppress() throws IOException {
        write("1.M1.mx", dsn("Ana.Lima@Example.org", "5.1.1", anasId));

        SampleProject.Run run = scan(true);

        assertThat(lines(run))
                .singleElement()
                .satisfies(line -> assertThat(line.get("action").asString()).isEqualTo("suppress"));
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
    }

    @Test
    void aReportQuotingTheIdAnyoneCouldComputeFromTheAddressSuppressesNoOne() throws IOException {
        // ana was sent the issue; a forger knows her address and the list, and the code is public
        String computed = ReturnMail.unkeyedMessageId("2024-fall", "pdl-packet", "ana.lima@example.org");
        write("1.M1.mx", dsn("ana.lima@example.org", "5.1.1", computed));
        write("2.M2.mx", complaint("ana.lima@example.org", computed));
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run applied = scan(true);

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(lines(applied))
                .extracting(line -> line.get("kind").asString() + " "
                        + line.get("recipient").asString() + " "
                        + line.get("action").asString())
                .containsExactly("hard-bounce ana.lima@example.org none", "complaint ana.lima@example.org none");
        assertThat(lines(applied))
                .extracting(line -> line.get("messageId").asString())
                .containsOnly(computed);
        assertThat(lines(applied))
                .extracting(line -> line.get("result").asString())
                .allSatisfy(r -> assertThat(r).startsWith("not ours"));
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }

    @Test
    void aReportQuotingAnIdFromBeforeIdsWereKeyedSuppressesNoOne() throws IOException {
        // zoe was sent the issue by a version that made ids anyone could compute; her journal still has it
        String computed = ReturnMail.unkeyedMessageId("2024-fall", "pdl-packet", "zoe.mueller@example.org");
        try (DeliveryJournal journal =
                DeliveryJournal.open(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            journal.attempt("zoe.mueller@example.org", computed, 1);
        }
        write("1.M1.mx", dsn("zoe.mueller@example.org", "5.1.1", computed));
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run applied = scan(true);

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(lines(applied)).singleElement().satisfies(line -> {
            assertThat(line.get("recipient").asString()).isEqualTo("zoe.mueller@example.org");
            assertThat(line.get("issue").asString()).isEqualTo("2024-fall");
            assertThat(line.get("action").asString()).isEqualTo("none");
            assertThat(line.get("result").asString()).contains("before Message-IDs were keyed");
        });
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
        assertThat(Files.exists(project.resolve("var/bounces.jsonl"))).isFalse();
    }

    @Test
    void anotherSpellingOfOurRealIdIsNotOurEvidence() throws IOException {
        // ana's real id with its hash in capitals, the issue in capitals, spaces or no angle brackets
        String hash = anasId.substring("<2024-fall.".length(), anasId.indexOf('@'));
        List<String> spellings = List.of(
                anasId.replace(hash, hash.toUpperCase(java.util.Locale.ROOT)),
                anasId.replace("2024-fall", "2024-FALL"),
                "< " + anasId.substring(1, anasId.length() - 1) + " >",
                anasId.substring(1, anasId.length() - 1));
        for (int i = 0; i < spellings.size(); i++) {
            write((i + 1) + ".M" + i + ".mx", dsn("ana.lima@example.org", "5.1.1", spellings.get(i)));
        }
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run applied = scan(true);

        assertThat(applied.code()).as(applied.err()).isZero();
        assertThat(lines(applied)).hasSize(spellings.size()).allSatisfy(line -> {
            assertThat(line.get("action").asString()).isEqualTo("none");
            assertThat(line.get("result").asString()).startsWith("not ours");
        });
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }

    private static String dsn(String recipient, String status, String originalId) {
        return """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; %s
                Action: failed
                Status: %s
                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                %s
                --B--
                """.formatted(recipient, status, recipient, originalId == null ? "" : "Message-ID: " + originalId);
    }

    /** An ARF abuse report about {@code recipient}, quoting the original's headers when {@code originalId} is given. */
    private static String complaint(String recipient, String originalId) {
        String original = originalId == null ? "" : """
                --F
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                Message-ID: %s
                """.formatted(recipient, originalId);
        return """
                From: fbl@isp.example.net
                To: abuse@pdl.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Rcpt-To: %s
                %s--F--
                """.formatted(recipient, original);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(maildir.resolve("new").resolve(name), content);
    }

    private SampleProject.Run scan(boolean apply) {
        return apply
                ? project.run(ENV, "inbox", "scan", "--maildir", maildir.toString(), "--format", "json", "--apply")
                : project.run(ENV, "inbox", "scan", "--maildir", maildir.toString(), "--format", "json");
    }

    private static List<JsonNode> lines(SampleProject.Run run) {
        JsonMapper json = JsonMapper.builder().build();
        return run.out().lines().map(json::readTree).toList();
    }
}
