package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample issue with {@code images: embed} and an attachment (a test fixture, not the sample's),
 * sent over real SMTP to GreenMail: every part parses, every {@code cid:} resolves, and the
 * attachment and pictures arrive byte for byte, with their non-ASCII name.
 */
class EnclosuresThroughGreenMailIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");
    private static final String NAME = "Überblick Ω.pdf";

    @TempDir
    Path dir;

    private SampleProject sample;
    private byte[] pdf;

    @BeforeEach
    void embedAndAttach() throws IOException {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
        sample.append("config/newsletter.yaml", "\nimages: embed\n");
        pdf = new byte[200 * 1024];
        new Random(7).nextBytes(pdf);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, pdf, 0, head.length);
        Files.write(sample.resolve("issues/2024-fall/" + NAME), pdf);
        sample.append("issues/2024-fall.yaml", "attachments:\n  - \"2024-fall/" + NAME + "\"\n");
    }

    @Test
    void everyMessageCarriesThePicturesItShowsAndTheAttachmentByteForByte() throws Exception {
        MailingReport report = send();

        assertThat(report.accepted()).isEqualTo(5);
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(5);
        for (MimeMessage message : received) {
            Parts parts = Parts.of(message);
            assertThat(message.getContentType()).startsWith("multipart/mixed");
            assertThat(parts.cids).hasSize(3);
            assertThat(parts.contentIds).containsAll(parts.cids);
            assertThat(parts.attachments).singleElement().satisfies(attachment -> {
                assertThat(attachment.getFileName()).isEqualTo(NAME);
                assertThat(attachment.getContentType()).startsWith("application/pdf");
                assertThat(bytes(attachment)).isEqualTo(pdf);
            });
            for (MimeBodyPart picture : parts.inline) {
                Path file = sample.resolve("issues/2024-fall/" + picture.getFileName());
                assertThat(bytes(picture)).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void theRenderedEmlHasTheSamePartsAsWhatWasSent() throws Exception {
        SampleProject.Run run = sample.run(
                ENV,
                "render",
                sample.issue().toString(),
                "--out",
                dir.resolve("preview").toString());

        assertThat(run.code()).as(run.err()).isZero();
        Path eml;
        try (Stream<Path> files = Files.list(dir.resolve("preview"))) {
            eml = files.filter(f -> f.toString().endsWith(".eml")).findFirst().orElseThrow();
        }
        MimeMessage rendered;
        try (InputStream in = Files.newInputStream(eml)) {
            rendered = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        Parts parts = Parts.of(rendered);
        assertThat(parts.contentIds).hasSize(3).containsAll(parts.cids);
        assertThat(bytes(parts.attachments.get(0))).isEqualTo(pdf);
    }

    @Test
    void theWebPageLinksThePicturesWhateverTheMessagesDo() throws Exception {
        SampleProject.Run run = sample.run("publish", sample.issue().toString());

        assertThat(run.code()).as(run.err()).isZero();
        String page = Files.readString(dir.resolve("site/2024-fall.html"));
        assertThat(page)
                .contains("src=\"https://pdl.example.org/newsletter/2024-fall/graphpipe.png\"")
                .doesNotContain("cid:")
                .doesNotContain(NAME);
        assertThat(dir.resolve("site/2024-fall/graphpipe.png")).isRegularFile();
    }

    private MailingReport send() {
        Project project = Project.load(ConfigLoader.load(sample.config()), sample.issue());
        return new IssueSender(ENV, Clock.systemUTC())
                .send(
                        project,
                        IssueSender.Request.everyone(null),
                        new StopSignal(),
                        note -> {},
                        total -> Progress.none());
    }

    private static byte[] bytes(Part part) throws Exception {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** What a message holds: the cid: URLs its HTML shows, the Content-IDs of its parts, its attachments. */
    private record Parts(
            List<String> cids, List<String> contentIds, List<MimeBodyPart> inline, List<MimeBodyPart> attachments) {
        static Parts of(MimeMessage message) throws Exception {
            // parse the bytes as they arrived, not GreenMail's copy
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            message.writeTo(raw);
            MimeMessage parsed =
                    new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.toByteArray()));
            Parts parts = new Parts(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            parts.walk(parsed);
            return parts;
        }

        private void walk(Part part) throws Exception {
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    walk(multipart.getBodyPart(i));
                }
            } else if (part.isMimeType("text/html")) {
                Jsoup.parse((String) part.getContent())
                        .select("img[src^=cid:]")
                        .forEach(img -> cids.add("<" + img.attr("src").substring(4) + ">"));
            } else if (part instanceof MimeBodyPart body && Part.ATTACHMENT.equals(body.getDisposition())) {
                attachments.add(body);
            } else if (part instanceof MimeBodyPart body && body.getContentID() != null) {
                contentIds.add(body.getContentID());
                inline.add(body);
            } else {
                part.getContent(); // the text part parses too
            }
        }
    }
}
