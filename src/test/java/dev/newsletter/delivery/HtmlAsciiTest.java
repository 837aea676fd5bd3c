package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlAsciiTest {
    @Test
    void asciiHtmlIsKeptAsItIs() {
        String html = "<p>plain</p>";
        assertThat(HtmlAscii.toAscii(html)).isSameAs(html);
    }

    @Test
    void nonAsciiBecomesCharacterReferencesThatReadTheSame() {
        String html =
                "<html><head><title>Packet — Fall</title></head><body><p title=\"Zoë\">Grüße 😀</p></body></html>";
        String ascii = HtmlAscii.toAscii(html);
        assertThat(ascii)
                .isEqualTo("<html><head><title>Packet &#8212; Fall</title></head><body>"
                        + "<p title=\"Zo&#235;\">Gr&#252;&#223;e &#128512;</p></body></html>");
        assertThat(ascii.chars()).allMatch(c -> c < 0x80);
        assertThat(Jsoup.parse(ascii).text()).isEqualTo(Jsoup.parse(html).text());
        assertThat(Jsoup.parse(ascii).select("p").attr("title")).isEqualTo("Zoë");
    }

    @Test
    void nonAsciiInsideStyleOrScriptIsLeftForQuotedPrintable() {
        assertThat(HtmlAscii.toAscii("<style>p::before { content: \"—\" }</style><p>x</p>"))
                .isNull();
        assertThat(HtmlAscii.toAscii("<style>p {}</style><p>—</p>")).isEqualTo("<style>p {}</style><p>&#8212;</p>");
    }
}
