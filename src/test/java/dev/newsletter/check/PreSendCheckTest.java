package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.Project;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.delivery.DkimKey;
import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import dev.newsletter.delivery.DkimRecord;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.CommunicationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreSendCheckTest {
    private static final Map<String, String> SECRET =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-04T08:00:00Z"), ZoneOffset.UTC);
    private static final KeyPair KEY = DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
    private static final String RECORD = new DkimRecord(DkimAlgorithm.RSA_SHA256, KEY.getPublic()).text();
    private static final LinkProbe ALL_OK = links -> answers(links, LinkProbe.Answer.status(200));

    @TempDir
    java.nio.file.Path temp;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(temp);
    }

    @Test
    void anHtmlPartWithoutTheUnsubscribeLinkFailsTheUnsubscribeCheck() {
        sample.replace(
                "templates/fragments/footer.html",
                "th:href=\"${links.unsubscribe}\"",
                "th:href=\"${links.webVersion}\"");

        CheckResult unsubscribe = result(check(SECRET, false, ALL_OK, name -> List.of()), "unsubscribe");

        assertThat(unsubscribe.severity()).isEqualTo(Severity.FAIL);
        assertThat(unsubscribe.details())
                .containsExactly(
                        "the HTML part has no link to the unsubscribe URL (templates: th:href=\"${links.unsubscribe}\")");
    }

    @Test
    void theSampleProjectPassesOutOfTheBoxWithWarningsOnly() {
        CheckReport report = check(Map.of(), false, ALL_OK, name -> List.of());

        assertThat(report.failed()).as(describe(report)).isFalse();
        assertThat(statuses(report))
                .containsEntry("dkim", Severity.WARN)
                .containsEntry("links-online", Severity.WARN)
                .containsEntry("unsubscribe", Severity.WARN)
                .containsEntry("web-version", Severity.WARN)
                .containsEntry("list", Severity.PASS)
                .containsEntry("templates", Severity.PASS)
                .containsEntry("headers", Severity.PASS)
                .containsEntry("size", Severity.PASS)
                .containsEntry("links", Severity.PASS)
                .containsEntry("images", Severity.PASS)
                .containsEntry("text-part", Severity.PASS)
                .containsEntry("subject", Severity.PASS)
                .containsEntry("preheader", Severity.PASS);
        assertThat(report.summary()).isEqualTo("4 warnings, no failures: ready to send");
    }

    @Test
    void withASecretDkimAndTheNetworkEverythingPasses() throws IOException {
        configureDkim("pdl.example.org");
        Files.createDirectories(sample.resolve("site"));
        sample.write("site/2024-fall.html", "<!DOCTYPE html>");

        Map<String, List<String>> published = Map.of(
                "packet._domainkey.pdl.example.org", List.of(RECORD),
                "_dmarc.pdl.example.org", List.of("v=DMARC1; p=none"));
        CheckReport report = check(SECRET, true, ALL_OK, name -> {
            assertThat(published).containsKey(name);
            return published.get(name);
        });

        assertThat(report.count(Severity.WARN) + report.count(Severity.FAIL))
                .as(describe(report))
                .isZero();
        assertThat(result(report, "dkim").message())
                .contains("rsa-sha256 (2048-bit)")
                .contains("matches");
        assertThat(result(report, "dkim-alignment").severity()).isEqualTo(Severity.PASS);
    }

    @Test
    void aTemplateAskingForAnUnknownVariableFailsNamingFileAndVariable() throws IOException {
        String footer = Files.readString(sample.resolve("templates/fragments/footer.html"));
        sample.write("templates/fragments/footer.html", footer.replace("${subscriber.email}", "${subscriber.mail}"));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        CheckResult templates = result(report, "templates");
        assertThat(templates.severity()).isEqualTo(Severity.FAIL);
        assertThat(String.join("\n", templates.details()))
                .contains("footer.html")
                .contains("subscriber.mail");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void aBranchOnlyAnEmptyFieldReachesIsRenderedToo() throws IOException {
        String issue = Files.readString(sample.resolve("templates/issue.html"));
        sample.write("templates/issue.html", issue.replace("'Hello,'", "${subscriber.nickname}"));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "templates").severity()).isEqualTo(Severity.FAIL);
        assertThat(String.join("\n", result(report, "templates").details())).contains("subscriber.nickname");
    }

    @Test
    void relativeLinksAndImagesWithoutAltFail() throws IOException {
        String issue = Files.readString(sample.resolve("issues/2024-fall.yaml"));
        sample.write(
                "issues/2024-fall.yaml",
                issue.replace(
                        "machine learning fast enough to use.",
                        "machine learning fast enough to use. See [our page](/about) and ![](https://pdl.example.org/logo.png)"));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "links").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(report, "links").details()).containsExactly("/about");
        assertThat(result(report, "images").severity()).as(describe(report)).isEqualTo(Severity.PASS);
    }

    @Test
    void anUnpublishedWebVersionIsAWarningNamingTheLink() {
        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "web-version").severity()).isEqualTo(Severity.WARN);
        assertThat(result(report, "web-version").message())
                .contains("https://pdl.example.org/newsletter/2024-fall.html")
                .contains("./newsletter publish");
    }

    @Test
    void anImageWithoutAnAltAttributeFails() throws IOException {
        String footer = Files.readString(sample.resolve("templates/fragments/footer.html"));
        sample.write(
                "templates/fragments/footer.html",
                footer.replace(
                        "<p style=\"margin:0 0 12px 0;\">",
                        "<p style=\"margin:0 0 12px 0;\"><img src=\"https://pdl.example.org/logo.png\" width=\"40\">"));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "images").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(report, "images").details().get(0))
                .contains("logo.png")
                .contains("no alt");
    }

    @Test
    void aMessageOverOneHundredKilobytesFails() throws IOException {
        String issue = Files.readString(sample.resolve("issues/2024-fall.yaml"));
        String filler =
                "  Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n".repeat(1500);
        sample.write(
                "issues/2024-fall.yaml",
                issue.replace(
                        "  machine learning fast enough to use.\n",
                        "  machine learning fast enough to use.\n" + filler));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "size").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(report, "size").message()).contains("Gmail clips");
    }

    @Test
    void aBadRowInTheListFailsWithItsLine() {
        sample.append("subscribers/pdl-packet.csv", "not-an-address,Nobody,active,,,\n");

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "list").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(report, "list").details())
                .anySatisfy(d -> assertThat(d).contains("pdl-packet.csv:10"));
    }

    @Test
    void aBadRowStillFailsTheListWhenASubscriberIsChosen() {
        sample.append("subscribers/pdl-packet.csv", "not-an-address,Nobody,active,,,\n");
        Project project = Project.load(
                ConfigLoader.load(sample.resolve("config/newsletter.yaml")), sample.resolve("issues/2024-fall.yaml"));

        CheckReport report = new PreSendCheck(SECRET, CLOCK, ALL_OK, name -> List.of())
                .run(
                        project,
                        new CheckOptions(null, Optional.of("zoe.mueller@example.org"), false, Duration.ofSeconds(1)));

        assertThat(result(report, "list").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(report, "list").details())
                .anySatisfy(d -> assertThat(d).contains("pdl-packet.csv:10"));
    }

    @Test
    void aBrokenSuppressionFileFailsTheList() {
        sample.write("subscribers/suppressed.csv", "email,reason\n\"unterminated,quote\n");

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "list").severity()).isEqualTo(Severity.FAIL);
    }

    @Test
    void aDkimKeyNotInDnsOrADifferentOneFails() throws IOException {
        configureDkim("pdl.example.org");
        String other = new DkimRecord(
                        DkimAlgorithm.RSA_SHA256,
                        DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048).getPublic())
                .text();

        CheckResult missing = result(check(SECRET, true, ALL_OK, name -> List.of()), "dkim");
        assertThat(missing.message()).contains("no DKIM record");
        assertThat(missing.details())
                .contains("packet._domainkey.pdl.example.org. IN TXT "
                        + new DkimRecord(DkimAlgorithm.RSA_SHA256, KEY.getPublic()).zoneText());
        assertThat(result(check(SECRET, true, ALL_OK, name -> List.of(other)), "dkim")
                        .message())
                .contains("not the public half");
        assertThat(result(check(SECRET, true, ALL_OK, name -> List.of("v=DKIM1; k=rsa; p=")), "dkim")
                        .message())
                .contains("revoked");
        CheckResult unreachable = result(
                check(SECRET, true, ALL_OK, name -> {
                    throw new CommunicationException("no resolver");
                }),
                "dkim");
        assertThat(unreachable.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void aFromDomainOutsideTheDkimDomainFailsAlignment() throws IOException {
        configureDkim("mailer.example.net");

        CheckResult alignment = result(check(SECRET, false, ALL_OK, name -> List.of()), "dkim-alignment");

        assertThat(alignment.severity()).isEqualTo(Severity.FAIL);
        assertThat(alignment.message()).contains("pdl.example.org").contains("mailer.example.net");
    }

    @Test
    void anUnreadableDkimKeyFails() throws IOException {
        configureDkim("pdl.example.org");
        sample.write("config/dkim.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        CheckResult dkim = result(check(SECRET, false, ALL_OK, name -> List.of()), "dkim");

        assertThat(dkim.severity()).isEqualTo(Severity.FAIL);
        assertThat(String.join("\n", dkim.details())).contains("dkim.pem").contains("PKCS#1");
    }

    /** The report lists its checks in one order, whatever fails: the key's failure after the templates, as ever. */
    @Test
    void anUnreadableDkimKeyIsReportedAfterTheTemplates() throws IOException {
        configureDkim("pdl.example.org");
        sample.write("config/dkim.pem", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(report.results().stream().map(CheckResult::name).toList())
                .as(describe(report))
                .containsSubsequence("list", "templates", "dkim", "headers");
    }

    @Test
    void brokenLinksFailAndUnreachableOnesWarn() {
        LinkProbe probe = links -> {
            Map<URI, LinkProbe.Answer> answers = answers(links, LinkProbe.Answer.status(200));
            answers.put(URI.create("https://arxiv.org/abs/2406.01566"), LinkProbe.Answer.status(404));
            return answers;
        };
        LinkProbe timeouts = links -> answers(links, LinkProbe.Answer.error("HttpTimeoutException"));

        CheckResult broken = result(check(SECRET, true, probe, name -> List.of()), "links-online");
        CheckResult slow = result(check(SECRET, true, timeouts, name -> List.of()), "links-online");

        assertThat(broken.severity()).isEqualTo(Severity.FAIL);
        assertThat(broken.details()).containsExactly("404 https://arxiv.org/abs/2406.01566");
        assertThat(slow.severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void sendingThroughARelayWithoutTheUnsubscribeSecretFails() throws IOException {
        String config =
                Files.readString(sample.resolve("config/newsletter.yaml")).replace("mode: capture", "mode: relay");
        sample.write("config/newsletter.yaml", config);

        CheckResult unsubscribe = result(check(Map.of(), false, ALL_OK, name -> List.of()), "unsubscribe");

        assertThat(unsubscribe.severity()).isEqualTo(Severity.FAIL);
        assertThat(unsubscribe.message()).contains("NEWSLETTER_UNSUBSCRIBE_SECRET");
    }

    @Test
    void aLongSubjectAndAMissingPreheaderWarn() throws IOException {
        String issue = Files.readString(sample.resolve("issues/2024-fall.yaml"));
        sample.write(
                "issues/2024-fall.yaml",
                issue.replace(
                                "subject: \"The PDL Packet — Fall 2024\"",
                                "subject: \"" + "The PDL Packet ".repeat(7) + "\"")
                        .replace(
                                "preheader: \"Three PDL papers headed to ASPLOS 2025 in Rotterdam, plus lab news.\"",
                                "preheader: \"\""));

        CheckReport report = check(SECRET, false, ALL_OK, name -> List.of());

        assertThat(result(report, "subject").severity()).isEqualTo(Severity.WARN);
        assertThat(result(report, "preheader").severity()).as(describe(report)).isEqualTo(Severity.WARN);
    }

    @Test
    void withSpamTheBuiltMessageIsScoredAgainstTheConfiguredThreshold() {
        sample.append("config/newsletter.yaml", "\ncheck:\n  spamThreshold: 0.5\n");
        List<byte[]> scored = new java.util.ArrayList<>();
        SpamScorer scorer = message -> {
            scored.add(message);
            return Optional.of(new SpamScore(0.7, List.of(new SpamScore.Rule("HTML_FONT_LOW_CONTRAST", 0.7, "BODY"))));
        };
        Project project = Project.load(
                ConfigLoader.load(sample.resolve("config/newsletter.yaml")), sample.resolve("issues/2024-fall.yaml"));
        PreSendCheck gate = new PreSendCheck(SECRET, CLOCK, ALL_OK, name -> List.of(), scorer);

        CheckReport without = gate.run(project, new CheckOptions(null, Optional.empty(), false, Duration.ofSeconds(1)));
        CheckReport with =
                gate.run(project, new CheckOptions(null, Optional.empty(), false, Duration.ofSeconds(1), true));

        assertThat(statuses(without)).doesNotContainKey("spam");
        assertThat(result(with, "spam").severity()).isEqualTo(Severity.FAIL);
        assertThat(result(with, "spam").message()).contains("0.7, above check.spamThreshold 0.5");
        assertThat(new String(scored.get(0), java.nio.charset.StandardCharsets.UTF_8))
                .contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    }

    private void configureDkim(String domain) throws IOException {
        Files.writeString(sample.resolve("config/dkim.pem"), DkimKey.pem(KEY.getPrivate()));
        sample.append(
                "config/newsletter.yaml",
                "\ndkim:\n  domain: " + domain + "\n  selector: packet\n  privateKey: config/dkim.pem\n");
    }

    private CheckReport check(Map<String, String> env, boolean online, LinkProbe probe, DnsTxt dns) {
        Project project = Project.load(
                ConfigLoader.load(sample.resolve("config/newsletter.yaml")), sample.resolve("issues/2024-fall.yaml"));
        return new PreSendCheck(env, CLOCK, probe, dns)
                .run(project, new CheckOptions(null, Optional.empty(), online, Duration.ofSeconds(1)));
    }

    private static Map<URI, LinkProbe.Answer> answers(List<URI> links, LinkProbe.Answer answer) {
        Map<URI, LinkProbe.Answer> answers = new LinkedHashMap<>();
        links.forEach(link -> answers.put(link, answer));
        return answers;
    }

    private static Map<String, Severity> statuses(CheckReport report) {
        Map<String, Severity> statuses = new LinkedHashMap<>();
        report.results().forEach(r -> statuses.put(r.name(), r.severity()));
        return statuses;
    }

    private static CheckResult result(CheckReport report, String name) {
        return report.results().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " result in\n" + describe(report)));
    }

    private static String describe(CheckReport report) {
        StringBuilder out = new StringBuilder();
        report.results()
                .forEach(r -> out.append(r.severity())
                        .append(' ')
                        .append(r.name())
                        .append(": ")
                        .append(r.message())
                        .append(' ')
                        .append(r.details())
                        .append('\n'));
        return out.toString();
    }
}
