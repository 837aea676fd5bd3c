package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlAsciiTest {
    private static String wire(String html) {
        byte[] bytes = HtmlAscii.sevenBit(html);
        return bytes == null ? null : new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void asciiHtmlOnlyGetsCrlfLineBreaks() {
        assertThat(wire("<p>plain</p>\n<p>x</p>\r\n")).isEqualTo("<p>plain</p>\r\n<p>x</p>\r\n");
    }

    @Test
    void nonAsciiBecomesCharacterReferencesThatReadTheSame() {
        String html =
                "<html><head><title>Packet — Fall</title></head><body><p title=\"Zoë\">Grüße 😀</p></body></html>";
        String ascii = wire(html);
        assertThat(ascii)
                .isEqualTo("<html><head><title>Packet &#8212; Fall</title></head><body>"
                        + "<p title=\"Zo&#235;\">Gr&#252;&#223;e &#128512;</p></body></html>");
        assertThat(ascii.chars()).allMatch(c -> c < 0x80);
        assertThat(Jsoup.parse(ascii).text()).isEqualTo(Jsoup.parse(html).text());
        assertThat(Jsoup.parse(ascii).select("p").attr("title")).isEqualTo("Zoë");
    }

    @Test
    void nonAsciiInsideStyleOrScriptIsLeftForQuotedPrintable() {
        assertThat(wire("<style>p::before { content: \"—\" }</style><p>x</p>")).isNull();
        assertThat(wire("<STYLE>p {}</STYLE><p>—</p>")).isEqualTo("<STYLE>p {}</STYLE><p>&#8212;</p>");
        assertThat(wire("<style>a{}</style><p>é</p><script>var x = 'é';</script>"))
                .isNull();
        assertThat(wire("<p>é</p><style>a{}</style><p>é</p>"))
                .isEqualTo("<p>&#233;</p><style>a{}</style><p>&#233;</p>");
    }

    @Test
    void longBodiesAcrossChunkBoundariesComeOutWhole() {
        StringBuilder html = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            html.append("<p>").append(i).append(" é😀\r\n");
            expected.append("<p>").append(i).append(" &#233;&#128512;\r\n");
        }
        assertThat(wire(html.toString())).isEqualTo(expected.toString());
        String lines = ("x".repeat(99) + "\n").repeat(20); // 2,000 chars; the chunk ends after 2,048
        assertThat(wire(lines + "x".repeat(47) + "\r\ny"))
                .isEqualTo(lines.replace("\n", "\r\n") + "x".repeat(47) + "\r\ny");
        assertThat(wire(lines + "x".repeat(47) + "😀y"))
                .isEqualTo(lines.replace("\n", "\r\n") + "x".repeat(47) + "&#128512;y");
    }

    @Test
    void aLineLongerThan998OctetsCannotBeSevenBit() {
        assertThat(wire("<p>" + "x".repeat(992) + "</p>")).isNull();
        assertThat(wire("<p>" + "x".repeat(991) + "</p>")).isNotNull();
    }
}
