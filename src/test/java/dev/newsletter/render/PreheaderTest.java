package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The preheader is hidden the way well-tested email frameworks hide it (display none, mso-hide,
 * zero size, opacity and font size), never by giving it the background's colour: SpamAssassin
 * scores that as HTML_FONT_LOW_CONTRAST. It stays out of the text part.
 */
class PreheaderTest {
    private final Issue issue = new IssueReader().read(Path.of("issues/2024-fall.yaml"));
    private final RenderedEmail email = render();

    @Test
    void thePreheaderIsHiddenWithoutAnyColourTrick() {
        Document html = Jsoup.parse(email.html());
        List<Element> hidden = html.body().children().stream()
                .filter(e -> "none".equals(style(e).get("display")))
                .toList();

        assertThat(hidden).as("the preheader and its padding").hasSize(2);
        assertThat(hidden.get(0).text()).isEqualTo(issue.preheader());
        for (Element div : hidden) {
            Map<String, String> style = style(div);
            assertThat(style)
                    .as(div.attr("style"))
                    .containsEntry("mso-hide", "all")
                    .containsEntry("max-height", "0")
                    .containsEntry("max-width", "0")
                    .containsEntry("overflow", "hidden")
                    .containsEntry("opacity", "0")
                    .containsEntry("font-size", "0")
                    .doesNotContainKeys("color", "background", "background-color");
            assertThat(div.attr("aria-hidden")).isEqualTo("true");
        }
    }

    @Test
    void noTextAnywhereHasTheColourOfTheBackground() {
        Document html = Jsoup.parse(email.html());
        String background = style(html.body()).get("background-color");

        assertThat(background).isNotNull();
        assertThat(html.getAllElements())
                .allSatisfy(e ->
                        assertThat(style(e).get("color")).as(e.cssSelector()).isNotEqualTo(background));
    }

    @Test
    void thePreheaderStaysOutOfTheTextPart() {
        assertThat(email.text()).doesNotContain(issue.preheader());
    }

    private static Map<String, String> style(Element element) {
        Map<String, String> declarations = new LinkedHashMap<>();
        for (String declaration : element.attr("style").split(";")) {
            int colon = declaration.indexOf(':');
            if (colon > 0) {
                declarations.put(
                        declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        declaration.substring(colon + 1).strip().toLowerCase(Locale.ROOT));
            }
        }
        return declarations;
    }

    private RenderedEmail render() {
        IssueRenderer renderer = new IssueRenderer(Path.of("templates"));
        Subscriber zoe =
                new Subscriber(EmailAddress.parse("zoe@example.org"), "Zoë", Status.ACTIVE, "", List.of(), Map.of(), 2);
        return renderer.render(
                renderer.prepare(
                        issue,
                        new IssueRenderer.Sender("The PDL Packet", "packet@pdl.example.org", "packet.pdl.example.org")),
                zoe,
                new IssueRenderer.Links(
                        "https://pdl.example.org/newsletter/unsubscribe?t=TOKEN",
                        "https://pdl.example.org/newsletter/2024-fall.html"),
                issue.subject());
    }
}
