package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {
    @Test
    void shortAsciiTextIsSevenBitWithCrlf() {
        WireBytes encoded = QuotedPrintable.encodeWire("Hello\nworld\r\n");
        assertThat(encoded.encoding()).isEqualTo("7bit");
        assertThat(new String(encoded.bytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello\r\nworld\r\n");
    }

    @Test
    void nonAsciiAndLongLinesAreQuotedPrintableThatDecodesBackExactly() throws Exception {
        String text = "Grüße — 😀 " + "lang ".repeat(300) + "é".repeat(100)
                + "\nsecond line with = sign and trailing space \n" + "<p style=\"color:#333\">Zoë</p>\t\n"
                + "x".repeat(1200);
        WireBytes encoded = QuotedPrintable.encodeWire(text);
        assertThat(encoded.encoding()).isEqualTo("quoted-printable");
        String wire = new String(encoded.bytes(), StandardCharsets.US_ASCII);
        for (String line : wire.split("\r\n", -1)) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line).doesNotEndWith(" ").doesNotEndWith("\t");
        }
        assertThat(wire).doesNotContain("\n\n").doesNotContain("\r\r");
        try (InputStream decoded = MimeUtility.decode(new ByteArrayInputStream(encoded.bytes()), "quoted-printable")) {
            String back = new String(decoded.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(back).isEqualTo(text.replace("\n", "\r\n"));
        }
    }

    @Test
    void sevenBitKeepsEveryLineBreakAsCrlfAndRefusesWhatIsNotSevenBit() {
        assertThat(sevenBit("")).isEmpty();
        assertThat(sevenBit("no break")).isEqualTo("no break");
        assertThat(sevenBit("\n\na\n")).isEqualTo("\r\n\r\na\r\n");
        assertThat(sevenBit("a\nb")).isEqualTo("a\r\nb");
        assertThat(sevenBit("a\r\nb\rc\n")).isEqualTo("a\r\nb\r\nc\r\n");
        String line = "x".repeat(998);
        assertThat(sevenBit(line + "\n" + line)).isEqualTo(line + "\r\n" + line);
        assertThat(QuotedPrintable.sevenBit(line + "x\n")).isNull();
        assertThat(QuotedPrintable.sevenBit("a\n" + line + "x")).isNull();
        assertThat(QuotedPrintable.sevenBit("a\r\n" + line + "x")).isNull();
        assertThat(QuotedPrintable.sevenBit("caf\u00e9")).isNull();
        assertThat(QuotedPrintable.sevenBit("\u2014")).isNull();
        assertThat(QuotedPrintable.sevenBit("nul\u0000")).isNull();
    }

    private static String sevenBit(String text) {
        WireBytes wire = QuotedPrintable.sevenBit(text);
        assertThat(wire.encoding()).isEqualTo("7bit");
        return new String(wire.buffer(), 0, wire.length(), StandardCharsets.US_ASCII);
    }
}
