package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 6376 section 3.4 relaxed canonicalization, with the RFC's own example (3.4.5). */
class DkimCanonicalizationTest {

    @Test
    void theRfcExample() {
        assertThat(DkimSigner.relaxedHeader("A", " X\r\n")).isEqualTo("a:X");
        assertThat(DkimSigner.relaxedHeader("B ", " Y\t\r\n\tZ  \r\n")).isEqualTo("b:Y Z");
        assertThat(body(" C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void emptyAndWhitespaceOnlyBodiesCanonicalizeToNothing() {
        assertThat(body("")).isEmpty();
        assertThat(body("\r\n\r\n")).isEmpty();
        assertThat(body("  \r\n\t\r\n")).isEmpty();
    }

    @Test
    void emptyLinesInsideAreKeptAndAMissingFinalLineBreakIsAdded() {
        assertThat(body("a\r\n\r\n \r\nb")).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    /** Against the RFC's steps done with regular expressions, on random text. */
    @Test
    void randomBodiesMatchTheRfcSteps() {
        java.util.Random random = new java.util.Random(3);
        String[] pieces = {" ", "\t", "\r\n", "a", "b", "\r", "\n"};
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(30); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(body(text.toString()))
                    .as(
                            "%s",
                            text.toString()
                                    .replace("\r", "<CR>")
                                    .replace("\n", "<LF>")
                                    .replace("\t", "<TAB>"))
                    .isEqualTo(rfcSteps(text.toString()));
        }
    }

    private static String rfcSteps(String body) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(body.split("\r\n", -1)));
        if (body.endsWith("\r\n") || body.isEmpty()) {
            lines.remove(lines.size() - 1); // the split's empty tail after the last CRLF
        }
        lines.replaceAll(line -> line.replaceAll("[ \t]+", " ").replaceAll(" \\z", ""));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
    }

    private static String body(String text) {
        return new String(DkimSigner.relaxedBody(text), StandardCharsets.ISO_8859_1);
    }
}
