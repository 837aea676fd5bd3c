package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every header is folded and encoded: no line over 998 characters whatever the data, 78 wherever the
 * value allows it, RFC 2047 words of at most 75 characters, and a name that looks like an encoded
 * word shown as written. Normal names and subjects come out as Jakarta Mail wrote them before.
 */
class HeaderFoldingTest {
    private static final Session SESSION = MailSessions.of(new Properties());

    @Test
    void aTenThousandCharacterNameFoldsIntoShortLinesAndReadsBackWhole() throws Exception {
        String name = "N".repeat(10_000);
        byte[] wire = build(letter("Fall", name, "The Packet <packet.pdl.example.org>"));

        assertEveryHeaderLineIsAtMost(wire, 78);
        assertEveryLineIsAtMost(wire, 998);
        assertThat(to(wire).getPersonal()).isEqualTo(name);
    }

    @Test
    void longNamesWithSpacesOrOutsideAsciiReadBackWhole() throws Exception {
        for (String name : new String[] {
            "word ".repeat(2_000).strip(),
            "Zoë Müller ".repeat(900).strip(),
            "日本語の名前".repeat(1_500),
            "Smith, John \"the \\ quote\" ".repeat(300).strip(),
            "short " + "x".repeat(300) + " tail",
        }) {
            byte[] wire = build(letter("Fall", name, "The Packet <packet.pdl.example.org>"));

            assertEveryHeaderLineIsAtMost(wire, 78);
            assertThat(to(wire).getPersonal()).as(name.substring(0, 20)).isEqualTo(name);
        }
    }

    @Test
    void aNameThatLooksLikeAnEncodedWordIsShownLiterally() throws Exception {
        for (String name : new String[] {
            "=?utf-8?q?Your_Bank?=",
            "=?UTF-8?B?WW91ciBCYW5r?=",
            "\"=?utf-8?q?Admin?=\"",
            "Ann =?iso-8859-1?q?Admin?= Lee",
            "=?utf-8?q?Zo=C3=AB?= and Zoë",
        }) {
            byte[] wire = build(letter("Fall", name, "The Packet <packet.pdl.example.org>"));

            assertThat(to(wire).getPersonal()).as(name).isEqualTo(name);
            assertThat(new InternetAddress(MimeUtility.unfold(header(wire, "To")), false).getPersonal())
                    .as(name)
                    .isEqualTo(name);
        }
    }

    @Test
    void aLongOrEncodedLookingSubjectReadsBackWhole() throws Exception {
        for (String subject : new String[] {
            "S".repeat(5_000),
            "News =?utf-8?q?Urgent?= inside",
            "Fall — " + "é".repeat(3_000),
            "words ".repeat(900).strip(),
            "back\\ slash ".repeat(400).strip()
        }) {
            byte[] wire = build(letter(subject, "Ann", "The Packet <packet.pdl.example.org>"));

            assertEveryHeaderLineIsAtMost(wire, 78);
            assertThat(parse(wire).getSubject()).as(subject.substring(0, 20)).isEqualTo(subject);
        }
    }

    @Test
    void aNewsletterNameOutsideAsciiIsEncodedInListId() throws Exception {
        byte[] wire = build(letter("Fall", "Ann", "Le Paquet — Été <packet.pdl.example.org>"));

        String listId = header(wire, "List-Id");
        assertThat(listId.chars().allMatch(c -> c < 0x80)).as(listId).isTrue();
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(listId)))
                .isEqualTo("Le Paquet — Été <packet.pdl.example.org>");
    }

    @Test
    void normalNamesAndSubjectsComeOutAsJakartaMailWroteThem() throws Exception {
        for (String name : new String[] {"Zoë Müller", "Ann Lee", "Lee, Ann", "日本語の名前", "O'Brien \"Bob\""}) {
            byte[] wire = build(letter("The PDL Packet — Fall 2024", name, "The Packet <packet.pdl.example.org>"));

            String before = new InternetAddress("zoe@example.org", name, "UTF-8").toString();
            assertThat(header(wire, "To")).isEqualTo(before);
            assertThat(header(wire, "Subject"))
                    .isEqualTo(
                            MimeUtility.fold(9, MimeUtility.encodeText("The PDL Packet — Fall 2024", "UTF-8", null)));
        }
    }

    @Test
    void encodedWordsAreAtMost75Characters() throws Exception {
        byte[] wire = build(letter("é".repeat(500), "ü".repeat(500) + "x".repeat(900), "The Packet <x.example.org>"));

        String head = new String(wire, StandardCharsets.ISO_8859_1).split("\r\n\r\n")[0];
        assertThat(head.split("[\\s:]+"))
                .filteredOn(word -> word.startsWith("=?"))
                .isNotEmpty()
                .allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
    }

    @Test
    void aFactoryReusedForAMailingWritesTheSameBytesAsAFreshOne() throws Exception {
        MessageFactory reused = new MessageFactory();
        for (String name : new String[] {"Ann", "N".repeat(10_000), "=?utf-8?q?x?=", "Zoë"}) {
            Letter letter = letter("Fall — " + "long words ".repeat(20), name, "The Packet <x.example.org>");
            String fresh = withoutBoundary(build(letter));
            assertThat(withoutBoundary(reused.build(letter).bytes())).as(name).isEqualTo(fresh);
        }
    }

    @Test
    void aUrlTooLongForAnyHeaderLineIsRefused() {
        Letter ok = letter("Fall", "Ann", "The Packet <x.example.org>");
        Letter huge = new Letter(
                ok.from(),
                ok.replyTo(),
                ok.to(),
                ok.content(),
                ok.messageId(),
                ok.date(),
                ok.listId(),
                URI.create("https://pdl.example.org/u?t=" + "a".repeat(1_000)),
                ok.unsubscribeMailto());

        assertThatThrownBy(() -> build(huge))
                .isInstanceOf(HeaderInjectionException.class)
                .hasMessageContaining("List-Unsubscribe")
                .hasMessageContaining("998");
    }

    private static Letter letter(String subject, String name, String listId) {
        return new Letter(
                Mailbox.parse("The PDL Packet <packet@pdl.example.org>"),
                Optional.of(EmailAddress.parse("editor@pdl.example.org")),
                new Mailbox(name, EmailAddress.parse("zoe@example.org")),
                new Letter.Content(subject, "<p>x</p>\n", "x\n"),
                "<2024-fall.abc@pdl.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                listId,
                URI.create("https://pdl.example.org/unsubscribe?t=abc"),
                Optional.of(URI.create("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-abc")));
    }

    private static byte[] build(Letter letter) {
        return new MessageFactory().build(letter).bytes();
    }

    /** The message with its multipart boundary (a counter: new for every message) taken out. */
    private static String withoutBoundary(byte[] wire) {
        return new String(wire, StandardCharsets.ISO_8859_1).replaceAll("=_nl_[0-9a-z]+_[0-9]+", "BOUNDARY");
    }

    private static MimeMessage parse(byte[] wire) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(wire));
    }

    private static InternetAddress to(byte[] wire) throws Exception {
        return (InternetAddress) parse(wire).getRecipients(MimeMessage.RecipientType.TO)[0];
    }

    /** The raw (still folded) value of a header, as written. */
    private static String header(byte[] wire, String name) throws Exception {
        return parse(wire).getHeader(name, null);
    }

    private static void assertEveryHeaderLineIsAtMost(byte[] wire, int limit) {
        String head = new String(wire, StandardCharsets.ISO_8859_1).split("\r\n\r\n")[0];
        assertThat(Arrays.stream(head.split("\r\n")))
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(limit));
    }

    static void assertEveryLineIsAtMost(byte[] wire, int limit) {
        assertThat(new String(wire, StandardCharsets.ISO_8859_1).split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(limit));
    }
}
