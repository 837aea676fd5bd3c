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

    private static String body(String text) {
        return new String(DkimSigner.relaxedBody(text), StandardCharsets.ISO_8859_1);
    }
}
