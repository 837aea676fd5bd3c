package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.subscriber.Subscriber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer inlines a template's style block; the sample templates, which have none, come out as before. */
class CssInlinerRenderTest {
    private static final Issue ISSUE =
            new IssueReader().read(Path.of("issues/2024-fall.yaml").toAbsolutePath());
    private static final Subscriber ZOE = Subscriber.adHoc(EmailAddress.parse("zoe@example.org"));
    private static final IssueRenderer.Links LINKS = new IssueRenderer.Links(
            "https://pdl.example.org/newsletter/unsubscribe?t=x", "https://pdl.example.org/newsletter/2024-fall.html");
    private static final IssueRenderer.Sender SENDER =
            new IssueRenderer.Sender("The PDL Packet", "packet@pdl.example.org", "packet.pdl.example.org");

    @TempDir
    Path templates;

    @Test
    void aStyleBlockInTheTemplateEndsUpInStyleAttributes() throws IOException {
        Files.writeString(templates.resolve("issue.html"), """
                <!DOCTYPE html>
                <html xmlns:th="http://www.thymeleaf.org"><head><meta charset="utf-8">
                <style>
                  h1 { color: #14213d; margin: 0; }
                  .section h2 { font-size: 21px; }
                  @media (max-width: 600px) { h1 { font-size: 24px !important; } }
                </style></head>
                <body><h1 th:text="${issue.newsletter}">Name</h1>
                <div class="section" th:each="section : ${issue.sections}"><h2 th:text="${section.heading}">Heading</h2></div>
                <a th:href="${links.unsubscribe}">Unsubscribe</a></body></html>
                """, StandardCharsets.UTF_8);
        Files.writeString(templates.resolve("issue.txt"), "[(${issue.newsletter})]\n[(${links.unsubscribe})]\n");
        IssueRenderer renderer = new IssueRenderer(templates);

        RenderedEmail email = renderer.render(renderer.prepare(ISSUE, SENDER), ZOE, LINKS, "Subject");

        assertThat(email.html())
                .contains("<h1 style=\"color:#14213d; margin:0;\">The PDL Packet</h1>")
                .contains("<h2 style=\"font-size:21px;\">3 papers at ASPLOS!</h2>")
                .contains("@media (max-width: 600px)")
                .doesNotContain(".section h2");
        assertThat(email.text()).isEqualTo("The PDL Packet\nhttps://pdl.example.org/newsletter/unsubscribe?t=x\n");
    }

    @Test
    void theSampleTemplatesHaveNoStyleBlockAndAreNotTouched() {
        IssueRenderer renderer = new IssueRenderer(Path.of("templates"));

        RenderedEmail email = renderer.render(renderer.prepare(ISSUE, SENDER), ZOE, LINKS, "Subject");

        assertThat(email.html())
                .doesNotContain("<style")
                .contains("<!DOCTYPE html>")
                .doesNotContain("<tbody>");
    }
}
