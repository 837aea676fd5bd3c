package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each folder under {@code src/test/resources/inliner} holds {@code input.html} and the
 * {@code expected.html} the inliner must produce. After a deliberate change, regenerate them with
 * {@code ./mvnw -o test -Dtest=CssInlinerTest -Dinliner.update=true} and review the diff.
 */
class CssInlinerTest {
    private static final Path GOLDEN = Path.of("src/test/resources/inliner");
    private final CssInliner inliner = new CssInliner();

    static List<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTheGoldenFile(String name) throws IOException {
        Path dir = GOLDEN.resolve(name);
        String input = Files.readString(dir.resolve("input.html"), StandardCharsets.UTF_8);

        String output = inliner.inline(input);

        Path expected = dir.resolve("expected.html");
        if (Boolean.getBoolean("inliner.update")) {
            Files.writeString(expected, output, StandardCharsets.UTF_8);
        }
        assertThat(output).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentWithoutAStyleBlockIsReturnedUnchanged() throws IOException {
        String template = Files.readString(Path.of("templates/issue.html"), StandardCharsets.UTF_8);

        assertThat(inliner.inline(template)).isSameAs(template);
    }

    @Test
    void noInlinableRuleIsLeftInTheHead() throws IOException {
        Document out = Jsoup.parse(inliner.inline(golden("email-layout")));

        assertThat(out.select("style")).hasSize(1);
        assertThat(out.select("style").first().parent()).isEqualTo(out.head());
        assertThat(out.select("style").first().data())
                .contains("@media only screen and (max-width: 620px)")
                .doesNotContain(".card {")
                .doesNotContain(".muted {");
        assertThat(out.select("td.card").attr("style")).contains("border-left:4px solid #c41230;");
        assertThat(out.select(".card a").attr("style")).contains("color:#0b4f9e;");
    }

    @Test
    void conditionalCommentsEntitiesAndNonAsciiTextSurvive() throws IOException {
        String out = inliner.inline(golden("email-layout"));

        assertThat(out).contains("<!--[if mso]><table role=\"presentation\" width=\"600\"");
        assertThat(out).contains("<!--[if mso]></td></tr></table><![endif]-->");
        assertThat(out).contains("Dear Zoë Müller");
        assertThat(out).contains("Read more&nbsp;→");
    }

    @Test
    void brokenCssNeverFailsARender() {
        String html =
                "<html><head><style>p { color: ; } .x { { } p { color: #123456 }</style></head><body><p>x</p></body></html>";

        assertThat(inliner.inline(html)).contains("<p");
    }

    @Test
    void selectorsJsoupCannotEvaluateStayInTheHead() {
        String html =
                "<html><head><style>p:hover { color: red } p { color: blue }</style></head><body><p>x</p></body></html>";

        String out = inliner.inline(html);

        assertThat(out).contains("<p style=\"color:blue;\">x</p>").contains("p:hover { color: red }");
    }

    private static String golden(String name) throws IOException {
        return Files.readString(GOLDEN.resolve(name).resolve("input.html"), StandardCharsets.UTF_8);
    }
}
