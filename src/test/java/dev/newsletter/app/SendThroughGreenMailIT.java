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
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Sends the sample issue over real SMTP to GreenMail and inspects what arrived. */
class SendThroughGreenMailIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void relayToGreenMail() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
    }

    @Test
    void sendsOneMultipartAlternativeMessagePerActiveUnsuppressedSubscriber() throws Exception {
        MailingReport report = send();

        assertThat(report.accepted()).isEqualTo(5);
        assertThat(report.complete()).isTrue();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(recipients(received))
                .containsExactlyInAnyOrder(
                        "ana.lima@example.org",
                        "ops-team@example.org",
                        "priya.raman@example.org",
                        "sam.okafor@example.org",
                        "zoe.mueller@example.org")
                .doesNotContain("li.wei@example.org");
        for (MimeMessage message : received) {
            assertThat(message.getContentType()).startsWith("multipart/alternative");
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
            assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html; charset=UTF-8");
        }
    }

    @Test
    void carriesTheRequiredHeadersAndPersonalisation() throws Exception {
        send();

        MimeMessage zoe = messageTo("zoe.mueller@example.org");
        assertThat(zoe.getSubject()).isEqualTo("The PDL Packet — Fall 2024");
        assertThat(zoe.getHeader("Subject", null)).startsWith("=?UTF-8?");
        assertThat(((InternetAddress) zoe.getFrom()[0]).getAddress()).isEqualTo("packet@pdl.example.org");
        assertThat(((InternetAddress) zoe.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal())
                .isEqualTo("Zoë Müller");
        assertThat(zoe.getHeader("Reply-To", null)).isEqualTo("editor@pdl.example.org");
        assertThat(zoe.getSentDate()).isNotNull();
        assertThat(zoe.getMessageID()).matches("<2024-fall\\.[0-9a-f]{16}@pdl\\.example\\.org>");
        assertThat(zoe.getHeader("List-Id", null)).isEqualTo("The PDL Packet <packet.pdl.example.org>");
        assertThat(zoe.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " "))
                .matches("<https://pdl\\.example\\.org/newsletter/unsubscribe\\?t=[A-Za-z0-9_.-]+>, "
                        + "<mailto:unsubscribe@pdl\\.example\\.org\\?subject=unsubscribe-[A-Za-z0-9_.-]+>");
        assertThat(zoe.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        Multipart parts = (Multipart) zoe.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(text).contains("Dear Zoë Müller,").contains("/unsubscribe?t=");
        // the HTML goes out as 7bit, with non-ASCII as character references
        assertThat(org.jsoup.Jsoup.parse(html).text()).contains("Dear Zoë Müller,");
        assertThat(html).contains("/unsubscribe?t=");
    }

    @Test
    void greetsASubscriberWithoutANameWithHelloAndGivesThemTheirOwnLink() throws Exception {
        send();

        MimeMessage nameless = messageTo("ops-team@example.org");
        assertThat(nameless.getHeader("To", null)).isEqualTo("ops-team@example.org");
        Multipart parts = (Multipart) nameless.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = org.jsoup.Jsoup.parse((String) parts.getBodyPart(1).getContent())
                .text();
        assertThat(text).contains("Hello,").doesNotContain("Dear");
        assertThat(html).contains("Hello,").doesNotContain("Dear");
        String link = nameless.getHeader("List-Unsubscribe", null).replaceAll("\\s+", "");
        String zoes = messageTo("zoe.mueller@example.org")
                .getHeader("List-Unsubscribe", null)
                .replaceAll("\\s+", "");
        assertThat(link).isNotEqualTo(zoes);
        assertThat(text).contains(link.substring(1, link.indexOf('>')));
    }

    @Test
    void givesEveryRecipientItsOwnStableMessageId() throws Exception {
        send();
        List<String> first = messageIds();
        Files.delete(dir.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"));
        SMTP.purgeEmailFromAllMailboxes();

        send();

        assertThat(messageIds()).containsExactlyInAnyOrderElementsOf(first).doesNotHaveDuplicates();
    }

    @Test
    void skipsRecipientsAlreadyAccepted() {
        send();

        MailingReport second = send();

        assertThat(second.accepted()).isZero();
        assertThat(second.skipped()).isEqualTo(5);
        assertThat(SMTP.getReceivedMessages()).hasSize(5);
    }

    /** Issue 11, item 1: however the list spells a suppressed address, it gets nothing. */
    @Test
    void theCaseVariantOfASuppressedAddressGetsNothing() throws Exception {
        sample.replace(
                "subscribers/pdl-packet.csv",
                "li.wei@example.org,Li Wei,unsubscribed,",
                "Li.Wei@Example.ORG,Li Wei,active,");
        sample.replace(
                "subscribers/pdl-packet.csv",
                "new.reader@example.org,Jordan Reyes,pending,",
                "A@XN--BCHER-KVA.example,Jordan Reyes,active,");
        sample.write(
                "subscribers/suppressed.csv",
                "email,reason,suppressed_at\n"
                        + "li.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n"
                        + "a@bücher.example,hard bounce,2024-10-16T00:00:00Z\n");

        MailingReport report = send();

        assertThat(report.accepted()).isEqualTo(5);
        assertThat(recipients(SMTP.getReceivedMessages()))
                .hasSize(5)
                .noneMatch(to -> to.toLowerCase(Locale.ROOT).startsWith("li.wei@"))
                .noneMatch(to -> to.toLowerCase(Locale.ROOT).startsWith("a@"));
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

    private MimeMessage messageTo(String address) throws Exception {
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (recipients(new MimeMessage[] {message}).contains(address)) {
                return message;
            }
        }
        throw new AssertionError("no message to " + address);
    }

    private List<String> messageIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            ids.add(message.getMessageID());
        }
        return ids;
    }

    private static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : messages) {
            Arrays.stream(message.getRecipients(MimeMessage.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getAddress())
                    .forEach(to::add);
        }
        return to;
    }
}
