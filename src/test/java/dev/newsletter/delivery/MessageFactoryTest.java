package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageFactoryTest {
    private final Session session = MailSessions.of(new Properties());

    private static Letter letter(String name, String html, String text) {
        return new Letter(
                Mailbox.parse("The Packet <packet@pdl.example.org>"),
                Optional.of(EmailAddress.parse("editor@pdl.example.org")),
                new Mailbox(name, EmailAddress.parse("zoe@example.org")),
                new Letter.Content("The Packet — Fall", html, text),
                "<2024-fall.abc@pdl.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <packet.pdl.example.org>",
                URI.create("https://pdl.example.org/unsubscribe?t=abc"),
                Optional.of(URI.create("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-abc")));
    }

    private MimeMessage roundTrip(Letter letter) throws Exception {
        byte[] wire = new MessageFactory().build(letter).bytes();
        return new MimeMessage(session, new ByteArrayInputStream(wire));
    }

    @Test
    void buildsTextThenHtmlWithOurHeadersAndBodiesThatDecodeExactly() throws Exception {
        // rendered HTML is ASCII: non-ASCII characters arrive as character references
        String html = "<html><head><title>The Packet &#8212; Fall</title></head>"
                + "<body><p class=\"x\">Gr&#252;&#223;e, Zo&#235;</p></body></html>\n";
        String text = "Grüße, Zoë\n" + "a long line ".repeat(20) + "\n";
        MimeMessage message = roundTrip(letter("Zoë Müller", html, text));

        assertThat(message.getMessageID()).isEqualTo("<2024-fall.abc@pdl.example.org>");
        assertThat(message.getSubject()).isEqualTo("The Packet — Fall");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(message.getHeader("List-Unsubscribe", null))
                .contains("<https://pdl.example.org/unsubscribe?t=abc>")
                .contains("<mailto:unsubscribe@pdl.example.org?subject=unsubscribe-abc>");
        assertThat(message.getHeader("List-Id", null)).isEqualTo("The Packet <packet.pdl.example.org>");
        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        MimeBodyPart plain = (MimeBodyPart) alternative.getBodyPart(0);
        MimeBodyPart rich = (MimeBodyPart) alternative.getBodyPart(1);
        assertThat(plain.getContentType()).isEqualTo("text/plain; charset=UTF-8");
        assertThat(plain.getEncoding()).isEqualTo("quoted-printable");
        assertThat(plain.getContent()).isEqualTo(text.replace("\n", "\r\n"));
        assertThat(rich.getContentType()).isEqualTo("text/html; charset=UTF-8");
        assertThat(rich.getEncoding()).isEqualTo("7bit");
        assertThat(rich.getContent()).isEqualTo(html.replace("\n", "\r\n"));
    }

    @Test
    void htmlThatIsNotAsciiGoesOutQuotedPrintableAndDecodesExactly() throws Exception {
        String html = "<html><head><style>p::before { content: \"—\" }</style></head><body><p>x</p></body></html>\n";
        MimeMessage message = roundTrip(letter("Zoë Müller", html, "x\n"));

        MimeBodyPart rich = (MimeBodyPart) ((MimeMultipart) message.getContent()).getBodyPart(1);
        assertThat(rich.getEncoding()).isEqualTo("quoted-printable");
        assertThat(rich.getContent()).isEqualTo(html.replace("\n", "\r\n"));
    }

    private static Letter injected() {
        Letter ok = letter("x", "<p>x</p>", "x");
        return new Letter(
                ok.from(),
                ok.replyTo(),
                ok.to(),
                new Letter.Content("Hello\r\nBcc: victim@example.org", "<p>x</p>", "x"),
                ok.messageId(),
                ok.date(),
                ok.listId(),
                ok.unsubscribeUrl(),
                ok.unsubscribeMailto());
    }

    @Test
    void refusesAHeaderValueCarryingALineBreak() {
        assertThatThrownBy(() -> new MessageFactory().build(injected())).isInstanceOf(HeaderInjectionException.class);
    }
}
