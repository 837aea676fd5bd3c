package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import jakarta.mail.internet.MimeUtility;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every built message must be, whatever the data: no header injected from data, non-ASCII
 * subjects and names RFC 2047-encoded, IDN domains in ASCII, no line over 998 characters, no bare
 * CR or LF anywhere.
 */
class HeaderSafetyTest {
    private static final String ATTACK = "\r\nBcc: victim@example.com";

    @Test
    void aSubjectCarryingALineBreakIsRefused() {
        assertThatThrownBy(() ->
                        build(letter("Fall issue" + ATTACK, "Zoë Müller", "zoe@example.org", "text", "<p>html</p>")))
                .isInstanceOf(HeaderInjectionException.class)
                .hasMessageContaining("Subject")
                .hasMessageContaining("nothing sent");
    }

    @Test
    void aDisplayNameCarryingALineBreakCannotEvenBeMade() {
        assertThatThrownBy(() -> new Mailbox("Eve" + ATTACK, EmailAddress.parse("eve@example.org")))
                .isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> Mailbox.parse("\"Eve" + ATTACK + "\" <eve@example.org>"))
                .isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void otherControlCharactersInANameAreRefusedWhenTheMessageIsBuilt() {
        for (String name : new String[] {"Eve\u0000", "Eve\u0007", "Eve\u007f", "Eve\u000bBcc: x"}) {
            assertThatThrownBy(() -> build(letter("Subject", name, "eve@example.org", "t", "<p>h</p>")))
                    .as(name)
                    .isInstanceOf(HeaderInjectionException.class)
                    .hasMessageContaining("display name");
        }
    }

    @Test
    void aListIdCarryingALineBreakIsRefused() {
        Letter ok = letter("Subject", "Ann", "ann@example.org", "t", "<p>h</p>");
        Letter bad = new Letter(
                ok.from(),
                ok.replyTo(),
                ok.to(),
                ok.content(),
                ok.messageId(),
                ok.date(),
                "List <x.example.org>" + ATTACK,
                ok.unsubscribeUrl(),
                ok.unsubscribeMailto());

        assertThatThrownBy(() -> build(bad)).isInstanceOf(HeaderInjectionException.class);
    }

    @Test
    void nonAsciiSubjectsAndNamesAreEncodedWords() throws Exception {
        String message =
                build(letter("The PDL Packet — Fall 2024 · Zoë", "Zoë Müller", "zoe@example.org", "t", "<p>h</p>"));
        String headers = message.substring(0, message.indexOf("\r\n\r\n"));

        assertThat(headers.chars().allMatch(c -> c < 0x80)).as(headers).isTrue();
        assertThat(header(message, "Subject")).contains("=?UTF-8?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(header(message, "Subject"))))
                .isEqualTo("The PDL Packet — Fall 2024 · Zoë");
        assertThat(MimeUtility.decodeText(header(message, "To"))).isEqualTo("Zoë Müller <zoe@example.org>");
    }

    @Test
    void idnDomainsAreSentInAsciiForm() {
        String message = build(letter("Subject", "Jürgen", "jurgen@bücher.example", "t", "<p>h</p>"));

        assertThat(header(message, "To")).endsWith("<jurgen@xn--bcher-kva.example>");
    }

    @Test
    void noLineIsLongerThan998Characters() {
        String longLine = "<p>" + "word ".repeat(3000) + "</p>" + "x".repeat(5000);
        String message =
                build(letter("S".repeat(300) + " é", "N".repeat(200), "ann@example.org", "y".repeat(4000), longLine));

        assertThat(message.split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(message).contains("Content-Transfer-Encoding: quoted-printable");
    }

    @Test
    void bodiesHaveNoBareLineFeedsOrCarriageReturns() {
        String message = build(letter(
                "Subject", "Ann", "ann@example.org", "one\ntwo\rthree\r\nfour\n", "<p>a</p>\n<p>b</p>\r<p>c</p>\n"));

        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("bare LF at %d", i).isTrue();
            }
            if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n')
                        .as("bare CR at %d", i)
                        .isTrue();
            }
        }
        assertThat(message).contains("one\r\ntwo\r\nthree\r\nfour");
    }

    private static Letter letter(String subject, String name, String to, String text, String html) {
        return new Letter(
                Mailbox.parse("The PDL Packet <packet@pdl.example.org>"),
                Optional.empty(),
                new Mailbox(name, EmailAddress.parse(to, false)),
                new Letter.Content(subject, html, text),
                "<2024-fall.1@pdl.example.org>",
                ZonedDateTime.parse("2024-11-01T09:00:00Z"),
                "The PDL Packet <packet.pdl.example.org>",
                URI.create("https://pdl.example.org/newsletter/unsubscribe?t=" + "a".repeat(400) + ".b"),
                Optional.of(URI.create("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-" + "a".repeat(400))));
    }

    private static String build(Letter letter) {
        return new String(new MessageFactory().build(letter).bytes(), StandardCharsets.ISO_8859_1);
    }

    private static String header(String message, String name) {
        String headers = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        int start = headers.indexOf("\r\n" + name + ": ");
        int from = start + name.length() + 4;
        int end = headers.indexOf("\r\n", from);
        while (headers.charAt(end + 2) == ' ' || headers.charAt(end + 2) == '\t') {
            end = headers.indexOf("\r\n", end + 2);
        }
        return headers.substring(from, end);
    }
}
