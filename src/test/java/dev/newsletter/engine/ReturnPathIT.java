package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * VERP end to end: {@code send} with {@code sending.returnPath} over real SMTP puts each
 * recipient's signed token in {@code MAIL FROM}; a bounce that quotes nothing of the original, sent
 * to that address, is attributed by {@code inbox scan} to the issue, list and recipient, and {@code
 * --apply} suppresses them; a tampered or misused token attributes nothing.
 */
class ReturnPathIT {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);
    private static final Pattern MAIL_FROM = Pattern.compile("(?i)^\\d+ MAIL FROM:<([^>]*)>.*");
    private static final Pattern RCPT_TO = Pattern.compile("(?i)^\\d+ RCPT TO:<([^>]*)>.*");
    private static final Pattern VERP = Pattern.compile("bounces\\+([a-z2-7]{32})@pdl\\.example\\.org");

    @TempDir
    Path dir;

    private SampleProject project;
    /** Each recipient's envelope sender, as the relay saw it. */
    private final Map<String, String> senders = new LinkedHashMap<>();
    /** Each recipient's Message-ID, as the relay saw it. */
    private final Map<String, String> messageIds = new LinkedHashMap<>();

    @BeforeEach
    void theSampleIssueWasSentThroughARelayWithAReturnPath() {
        try (ScriptedSmtpServer relay = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            project = SampleProject.copyTo(dir.resolve("project"));
            project.useRelay(relay.port());
            project.replace("config/newsletter.yaml", "connections: 4", "connections: 1");
            project.replace(
                    "config/newsletter.yaml",
                    "  maxErrors: 1000",
                    "  maxErrors: 1000\n  returnPath: bounces+{token}@pdl.example.org");

            SampleProject.Run send = project.run(ENV, "send", "issues/2024-fall.yaml", "--yes");

            assertThat(send.code()).as(send.err()).isZero();
            String sender = null;
            for (String command : relay.commands()) {
                Matcher mail = MAIL_FROM.matcher(command);
                Matcher rcpt = RCPT_TO.matcher(command);
                if (mail.matches()) {
                    sender = mail.group(1);
                } else if (rcpt.matches()) {
                    senders.put(rcpt.group(1).toLowerCase(Locale.ROOT), sender);
                }
            }
            assertThat(relay.accepted()).hasSize(5);
            for (ScriptedSmtpServer.Received received : relay.accepted()) {
                // the return path is the envelope's, never a header we write; From stays the newsletter's
                assertThat(received.data()).doesNotContainIgnoringCase("Return-Path:");
                assertThat(received.data()).contains("From: The PDL Packet <packet@pdl.example.org>");
                messageIds.put(received.recipient().toLowerCase(Locale.ROOT), received.messageId());
            }
        }
    }

    @Test
    void mailFromCarriesEachRecipientsOwnToken() {
        assertThat(senders).hasSize(5).containsKey("ana.lima@example.org");
        assertThat(senders.values()).allSatisfy(sender -> assertThat(sender).matches(VERP));
        assertThat(senders.values()).doesNotHaveDuplicates();
    }

    @Test
    void aBounceThatQuotesNothingIsAttributedByTheAddressItWasSentTo() throws IOException {
        Path maildir = maildir(
                "1.M1.mx",
                bounceTo(senders.get("ana.lima@example.org"), "550 5.1.1 Recipient address rejected: User unknown"));

        List<JsonNode> lines = scan(maildir, false);

        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.get("kind").asString()).isEqualTo("hard-bounce");
            assertThat(line.get("recipient").asString()).isEqualTo("ana.lima@example.org");
            assertThat(line.get("issue").asString()).isEqualTo("2024-fall");
            assertThat(line.get("list").asString()).isEqualTo("pdl-packet");
            assertThat(line.get("messageId").asString()).matches("<2024-fall\\.[0-9a-f]{16}@pdl\\.example\\.org>");
            assertThat(line.get("action").asString()).isEqualTo("suppress");
        });

        List<JsonNode> applied = scan(maildir, true);

        assertThat(applied.get(0).get("action").asString()).isEqualTo("suppress");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).contains("ana.lima@example.org,hard-bounce,");
    }

    @Test
    void aTokenLowerCasedOrUpperCasedOnTheWayStillAttributes() throws IOException {
        String upper = senders.get("zoe.mueller@example.org").toUpperCase(Locale.ROOT);
        Path maildir = maildir("1.M1.mx", bounceTo(upper, "550 5.1.1 mailbox unavailable"));

        assertThat(scan(maildir, false)).singleElement().satisfies(line -> {
            assertThat(line.get("recipient").asString()).isEqualTo("zoe.mueller@example.org");
            assertThat(line.get("issue").asString()).isEqualTo("2024-fall");
        });
    }

    @Test
    void aComplaintIsAttributedByTheReturnPathOfTheOriginalItQuotes() throws IOException {
        // a feedback report sent to the abuse address, its original quoted without a Message-ID but
        // with the Return-Path the provider's server wrote from our MAIL FROM
        Path maildir = maildir("1.M1.mx", """
                From: fbl@isp.example.net
                To: abuse@pdl.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1

                --F
                Content-Type: text/rfc822-headers

                Return-Path: <%s>
                From: The PDL Packet <packet@pdl.example.org>
                To: redacted@isp.example.net
                Subject: The PDL Packet

                --F--
                """.formatted(senders.get("zoe.mueller@example.org")));

        assertThat(scan(maildir, false)).singleElement().satisfies(line -> {
            assertThat(line.get("kind").asString()).isEqualTo("complaint");
            assertThat(line.get("recipient").asString()).isEqualTo("zoe.mueller@example.org");
            assertThat(line.get("issue").asString()).isEqualTo("2024-fall");
            assertThat(line.get("action").asString()).isEqualTo("suppress");
        });
    }

    @Test
    void aTamperedTokenAttributesNothingAndSuppressesNoOne() throws IOException {
        String sender = senders.get("ana.lima@example.org");
        Matcher token = VERP.matcher(sender);
        assertThat(token.matches()).isTrue();
        char last = token.group(1).charAt(31);
        String tampered = sender.replace(token.group(1), token.group(1).substring(0, 31) + (last == 'a' ? 'b' : 'a'));
        // and a genuine token of zoe's, on a bounce that names ana: it is about someone else
        Path maildir = maildir(
                "1.M1.mx",
                bounceTo(tampered, "550 5.1.1 <ana.lima@example.org>: Recipient address rejected: User unknown"),
                "2.M2.mx",
                bounceTo(
                        senders.get("zoe.mueller@example.org"),
                        "550 5.1.1 <ana.lima@example.org>: Recipient address rejected: User unknown"));
        String list = project.read(SampleProject.LIST_FILE);

        List<JsonNode> lines = scan(maildir, true);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("recipient").asString()).isEqualTo("ana.lima@example.org");
        assertThat(lines.get(0).get("issue").isNull()).isTrue();
        assertThat(lines.get(0).get("action").asString()).isEqualTo("none");
        assertThat(lines.get(0).get("result").asString()).contains("not ours");
        assertThat(lines.get(1).get("action").asString()).isEqualTo("none");
        assertThat(lines.get(1).get("result").asString()).contains("our message went to zoe.mueller@example.org");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE))
                .doesNotContain("ana.lima")
                .doesNotContain("zoe.mueller");
    }

    @Test
    void aBounceQuotingTheIdAnyoneCouldComputeSuppressesNoOneWhileOneQuotingTheIdWeSentDoes() throws IOException {
        // a forger knows zoe's address, the list and how ids were made (the code is public), not the secret
        String computed = ReturnMail.unkeyedMessageId("2024-fall", "pdl-packet", "zoe.mueller@example.org");
        Path maildir = maildir(
                "1.M1.mx",
                ReturnMail.hardBounce(computed, "zoe.mueller@example.org"),
                "2.M2.mx",
                ReturnMail.hardBounce(messageIds.get("ana.lima@example.org"), "ana.lima@example.org"));

        List<JsonNode> lines = scan(maildir, true);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("recipient").asString()).isEqualTo("zoe.mueller@example.org");
        assertThat(lines.get(0).get("issue").isNull()).isTrue();
        assertThat(lines.get(0).get("action").asString()).isEqualTo("none");
        assertThat(lines.get(0).get("result").asString()).startsWith("not ours");
        assertThat(lines.get(1).get("recipient").asString()).isEqualTo("ana.lima@example.org");
        assertThat(lines.get(1).get("issue").asString()).isEqualTo("2024-fall");
        assertThat(lines.get(1).get("action").asString()).isEqualTo("suppress");
        assertThat(project.read(SampleProject.LIST_FILE))
                .contains("zoe.mueller@example.org,Zoë Müller,active,")
                .contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).doesNotContain("zoe.mueller");
    }

    /** A Postfix-style bounce to {@code to} with only the server's words: no original, no Message-ID. */
    private static String bounceTo(String to, String words) {
        return """
                Return-Path: <>
                Delivered-To: %s
                From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
                To: %s
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mx.example.com.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                                   The mail system

                host mx.example.com[192.0.2.1] said: %s (in reply to RCPT TO command)
                """.formatted(to, to, words);
    }

    private Path maildir(String... namesAndMessages) throws IOException {
        Path maildir = dir.resolve("Maildir" + System.nanoTime());
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        for (int i = 0; i < namesAndMessages.length; i += 2) {
            Files.writeString(maildir.resolve("new").resolve(namesAndMessages[i]), namesAndMessages[i + 1]);
        }
        return maildir;
    }

    private List<JsonNode> scan(Path maildir, boolean apply) {
        List<String> args =
                new ArrayList<>(List.of("inbox", "scan", "--maildir", maildir.toString(), "--format", "json"));
        if (apply) {
            args.add("--apply");
        }
        SampleProject.Run run = project.run(ENV, args.toArray(String[]::new));
        assertThat(run.code()).as(run.err()).isZero();
        JsonMapper json = JsonMapper.builder().build();
        return run.out().lines().map(json::readTree).toList();
    }
}
