package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class AsciiHtmlTest {
    @Test
    void asciiHtmlIsLeftAsItIs() {
        String html = "<p>plain</p>\n<p>x</p>\r\n";
        assertThat(AsciiHtml.of(html)).isSameAs(html);
    }

    @Test
    void nonAsciiBecomesCharacterReferencesThatReadTheSame() {
        String html =
                "<html><head><title>Packet — Fall</title></head><body><p title=\"Zoë\">Grüße 😀</p></body></html>";
        String ascii = AsciiHtml.of(html);
        assertThat(ascii)
                .isEqualTo("<html><head><title>Packet &#8212; Fall</title></head><body>"
                        + "<p title=\"Zo&#235;\">Gr&#252;&#223;e &#128512;</p></body></html>");
        assertThat(ascii.chars()).allMatch(c -> c < 0x80);
        assertThat(Jsoup.parse(ascii).text()).isEqualTo(Jsoup.parse(html).text());
        assertThat(Jsoup.parse(ascii).select("p").attr("title")).isEqualTo("Zoë");
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertThat(AsciiHtml.of("<p>a\ud83d b</p>")).isEqualTo("<p>a&#65533; b</p>");
    }

    @Test
    void nonAsciiInsideStyleOrScriptIsLeftAsItIs() {
        assertThat(AsciiHtml.of("<style>p::before { content: \"—\" }</style><p>—</p>"))
                .isEqualTo("<style>p::before { content: \"—\" }</style><p>&#8212;</p>");
        assertThat(AsciiHtml.of("<STYLE>p {}</STYLE><p>—</p>")).isEqualTo("<STYLE>p {}</STYLE><p>&#8212;</p>");
        assertThat(AsciiHtml.of("<style>a{}</style><p>é</p><script>var x = 'é';</script>"))
                .isEqualTo("<style>a{}</style><p>&#233;</p><script>var x = 'é';</script>");
    }

    @Test
    void longBodiesComeOutWhole() {
        StringBuilder html = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            html.append("<p>").append(i).append(" é😀\r\n");
            expected.append("<p>").append(i).append(" &#233;&#128512;\r\n");
        }
        assertThat(AsciiHtml.of(html.toString())).isEqualTo(expected.toString());
    }
}
