package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import dev.newsletter.mailing.Enclosures;
import dev.newsletter.mailing.Letter;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Embedded pictures and attachments: the MIME tree Gmail, Outlook and Apple Mail expect, every
 * {@code cid:} resolving to a part, file names that survive (RFC 2231) and never break a header,
 * DKIM still verifying, and the shared parts encoded once.
 */
class EnclosedPartsTest {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final byte[] PNG = bytes(3000, 1);
    private static final byte[] PDF = bytes(70_000, 2);
    private static final String CID = "img.0123456789abcdef01234567@newsletter.invalid";

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Letter letter(String html) {
        Letter sample = DkimTestMessages.letter();
        return new Letter(
                sample.from(),
                sample.replyTo(),
                sample.to(),
                new Letter.Content(
                        sample.content().subject(), html, sample.content().text()),
                sample.messageId(),
                sample.date(),
                sample.listId(),
                sample.unsubscribeUrl(),
                sample.unsubscribeMailto());
    }

    private static final String HTML =
            "<html><body><p>Our figure:</p><img src=\"cid:" + CID + "\" alt=\"Stages\"></body></html>\n";

    private static Enclosures.Part picture() {
        return new Enclosures.Part("graphpipe.png", "image/png", CID, PNG);
    }

    private static Enclosures.Part attachment(String name) {
        return new Enclosures.Part(name, "application/pdf", "", PDF);
    }

    private static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes));
    }

    private static byte[] content(Part part) throws Exception {
        return ((MimeBodyPart) part).getInputStream().readAllBytes();
    }

    @Test
    void embeddedPicturesAndAttachmentsMakeMixedAlternativeRelated() throws Exception {
        MessageFactory factory = new MessageFactory(
                Optional.empty(), new Enclosures(List.of(picture()), List.of(attachment("agenda.pdf"))));

        MimeMessage message = parse(factory.build(letter(HTML)).bytes());

        assertThat(message.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) message.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain; charset=UTF-8");
        BodyPart relatedPart = alternative.getBodyPart(1);
        assertThat(relatedPart.getContentType()).startsWith("multipart/related").contains("type=\"text/html\"");
        Multipart related = (Multipart) relatedPart.getContent();
        assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html; charset=UTF-8");
        MimeBodyPart image = (MimeBodyPart) related.getBodyPart(1);
        assertThat(image.getContentType()).startsWith("image/png");
        assertThat(image.getContentID()).isEqualTo("<" + CID + ">");
        assertThat(image.getDisposition()).isEqualTo(Part.INLINE);
        assertThat(image.getFileName()).isEqualTo("graphpipe.png");
        assertThat(image.getEncoding()).isEqualTo("base64");
        assertThat(content(image)).isEqualTo(PNG);
        MimeBodyPart pdf = (MimeBodyPart) mixed.getBodyPart(1);
        assertThat(pdf.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        assertThat(pdf.getFileName()).isEqualTo("agenda.pdf");
        assertThat(content(pdf)).isEqualTo(PDF);
    }

    @Test
    void everyCidInTheHtmlNamesAPartOfTheMessage() throws Exception {
        MessageFactory factory = new MessageFactory(Optional.empty(), new Enclosures(List.of(picture()), List.of()));

        MimeMessage message = parse(factory.build(letter(HTML)).bytes());

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        List<String> contentIds = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        walk(message, contentIds, htmls);
        List<String> cids = htmls.stream()
                .flatMap(html -> Jsoup.parse(html).select("img[src^=cid:]").stream())
                .map(img -> "<" + img.attr("src").substring(4) + ">")
                .toList();
        assertThat(cids).isNotEmpty();
        assertThat(contentIds).containsAll(cids);
    }

    static void walk(Part part, List<String> contentIds, List<String> htmls) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), contentIds, htmls);
            }
        } else if (part.isMimeType("text/html")) {
            htmls.add((String) part.getContent());
        } else if (part instanceof MimeBodyPart body && body.getContentID() != null) {
            contentIds.add(body.getContentID());
        }
    }

    @Test
    void aNonAsciiFileNameTravelsAsRfc2231AndComesBackAsWritten() throws Exception {
        for (String name : List.of(
                "Überblick Ω.pdf",
                "\"quoted\" name; with=specials.pdf",
                "Ein sehr langer Dateiname für den Überblick über alle Vorträge im Herbst 2024 — Ω.pdf")) {
            MessageFactory factory =
                    new MessageFactory(Optional.empty(), new Enclosures(List.of(), List.of(attachment(name))));
            byte[] bytes = factory.build(letter(HTML)).bytes();

            MimeBodyPart pdf = (MimeBodyPart) ((Multipart) parse(bytes).getContent()).getBodyPart(1);

            assertThat(pdf.getFileName()).isEqualTo(name);
            assertThat(content(pdf)).isEqualTo(PDF);
            String wire = new String(bytes, StandardCharsets.US_ASCII);
            assertThat(wire).as("ASCII on the wire").isEqualTo(new String(bytes, StandardCharsets.ISO_8859_1));
            assertThat(wire.lines().filter(line -> line.length() > 78).filter(line -> line.contains("name")))
                    .as("header lines within 78 characters")
                    .isEmpty();
        }
    }

    @Test
    void aFileNameWithALineBreakNeverReachesAHeader() {
        String attack = "agenda.pdf\r\nBcc: victim@example.org";

        assertThatThrownBy(() ->
                        new MessageFactory(Optional.empty(), new Enclosures(List.of(), List.of(attachment(attack)))))
                .isInstanceOf(HeaderInjectionException.class);
        assertThatThrownBy(() -> new MessageFactory(
                        Optional.empty(),
                        new Enclosures(
                                List.of(new Enclosures.Part("a.png", "image/png\r\nBcc: x@example.org", CID, PNG)),
                                List.of())))
                .isInstanceOf(HeaderInjectionException.class);
        assertThatThrownBy(() -> new MessageFactory(
                        Optional.empty(),
                        new Enclosures(
                                List.of(new Enclosures.Part("a.png", "image/png", "a>\r\nBcc: x@example.org", PNG)),
                                List.of())))
                .isInstanceOf(HeaderInjectionException.class);
    }

    @Test
    void theSharedPartsAreEncodedOnceAndEveryMessageCarriesTheSameBytes() throws Exception {
        MessageFactory factory = new MessageFactory(
                Optional.empty(), new Enclosures(List.of(picture()), List.of(attachment("agenda.pdf"))));

        String first = new String(factory.build(letter(HTML)).bytes(), StandardCharsets.ISO_8859_1);
        String second =
                new String(factory.build(letter(HTML.replace("Our", "Your"))).bytes(), StandardCharsets.ISO_8859_1);

        assertThat(factory.sharedBytes()).isGreaterThan(PDF.length * 4 / 3);
        String tail = first.substring(first.length() - PDF.length); // the attachment, the last part
        assertThat(second).endsWith(tail);
    }

    @Test
    void aSevenBitBodyHoldingASharedBoundaryGoesOutQuotedPrintable() throws Exception {
        MessageFactory factory = new MessageFactory(Optional.empty(), new Enclosures(List.of(picture()), List.of()));
        String wire = new String(factory.build(letter(HTML)).bytes(), StandardCharsets.ISO_8859_1);
        String related = wire.replaceAll("(?s).*boundary=\"(=_nl_[a-z0-9]+_related)\".*", "$1");
        String hostile =
                "<html><body><p>\r\n--" + related + "--\r\n</p><img src=\"cid:" + CID + "\" alt=\"x\"></body></html>\n";

        MimeMessage message = parse(factory.build(letter(hostile)).bytes());

        List<String> contentIds = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        walk(message, contentIds, htmls);
        assertThat(htmls).singleElement().asString().contains("--" + related + "--");
        assertThat(contentIds).containsExactly("<" + CID + ">");
    }

    @Test
    void aSignedMessageWithPicturesAndAttachmentsVerifies() throws Exception {
        KeyPair pair = DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
        DkimSigner signer = new DkimSigner(
                DkimKey.parse(DkimKey.pem(pair.getPrivate()), Optional.empty()), "pdl.example.org", "packet");
        MessageFactory factory = new MessageFactory(
                Optional.of(signer), new Enclosures(List.of(picture()), List.of(attachment("Überblick Ω.pdf"))));

        byte[] bytes = factory.build(letter(HTML)).bytes();

        assertThat(DkimSignerTest.verify(bytes, new DkimRecord(DkimAlgorithm.RSA_SHA256, pair.getPublic()).text()))
                .hasSize(1);
    }
}
