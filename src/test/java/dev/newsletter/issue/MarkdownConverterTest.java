package dev.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Only http(s) and mailto links and http(s) images survive conversion, however the scheme is written. */
class MarkdownConverterTest {
    private final MarkdownConverter converter = new MarkdownConverter();

    private String html(String markdown) {
        return converter.convert(markdown).html();
    }

    @Test
    void aDataLinkBecomesItsText() {
        String html = html("See [x](data:text/html,<script>alert(1)</script>) now.");

        assertThat(html)
                .doesNotContainIgnoringCase("data:")
                .doesNotContain("<a")
                .contains("See x");
    }

    @Test
    void aDataImageBecomesItsAltText() {
        String html =
                html("![a chart](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk)");

        assertThat(html)
                .doesNotContainIgnoringCase("data:")
                .doesNotContain("<img")
                .contains("a chart");
    }

    @Test
    void mixedCaseLeadingSpacesAndHiddenCharactersDoNotHideTheScheme() {
        for (String markdown : new String[] {
            "[x](DaTa:text/html,abc)",
            "![x](DATA:image/png;base64,AAAA)",
            "[x](<   data:text/html,abc>)",
            "[x](   data:text/html,abc)",
            "![x](<  DaTa:image/png;base64,AAAA>)",
            "[x](<da&#9;ta:text/html,abc>)",
            "[x](&#100;ata:text/html,abc)",
            "[x](JaVaScRiPt:alert(1))",
            "[x](vbscript:msgbox)",
        }) {
            String html = html(markdown);

            assertThat(html)
                    .as(markdown)
                    .doesNotContain("<a")
                    .doesNotContain("<img")
                    .doesNotContainIgnoringCase("data:")
                    .doesNotContainIgnoringCase("script:")
                    .contains("x");
        }
    }

    @Test
    void httpsAndMailtoLinksAndHttpsImagesAreKept() {
        String html =
                html("[ok](https://example.org/a) [mail](mailto:ann@example.org) ![pic](https://example.org/p.png)");

        assertThat(html)
                .contains("<a rel=\"nofollow\" href=\"https://example.org/a\">ok</a>")
                .contains("<a rel=\"nofollow\" href=\"mailto:ann@example.org\">mail</a>")
                .contains("<img src=\"https://example.org/p.png\" alt=\"pic\" />");
    }

    @Test
    void relativeLinksAreKeptForCheckToName() {
        assertThat(html("[our page](/about) [top](#top)"))
                .contains("href=\"/about\"")
                .contains("href=\"#top\"");
    }

    @Test
    void aLinkAroundAnUnsafeImageKeepsTheLinkAndLosesTheImage() {
        String html = html("[![logo](data:image/png;base64,AAAA)](https://example.org)");

        assertThat(html)
                .contains("<a rel=\"nofollow\" href=\"https://example.org\">logo</a>")
                .doesNotContain("data:");
    }
}
