package dev.newsletter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the sample issue with the sample templates. Golden files hold the expected output; after
 * an intended change to the templates, regenerate them with {@code -Dgolden.update=true} and review
 * the diff.
 */
class IssueRendererTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final IssueRenderer.Sender SENDER =
            new IssueRenderer.Sender("The PDL Packet", "packet@pdl.example.org", "packet.pdl.example.org");
    private static final IssueRenderer.Links LINKS = new IssueRenderer.Links(
            "https://pdl.example.org/newsletter/unsubscribe?t=TOKEN",
            "https://pdl.example.org/newsletter/2024-fall.html");

    @TempDir
    Path dir;

    private final Issue issue = new IssueReader().read(Path.of("issues/2024-fall.yaml"));

    @Test
    void rendersTheSampleIssueAsInTheGoldenFiles() throws IOException {
        IssueRenderer renderer = new IssueRenderer(Path.of("templates"));
        RenderedEmail email = renderer.render(
                renderer.prepare(issue, SENDER, "https://pdl.example.org/newsletter"),
                zoe("Zoë Müller"),
                LINKS,
                issue.subject());

        assertGolden("issue-zoe.html", email.html());
        assertGolden("issue-zoe.txt", email.text());
    }

    @Test
    void personalisesBothPartsAndCarriesEveryPaperAndTheUnsubscribeLink() {
        RenderedEmail email = render(zoe("Zoë Müller"));

        assertThat(email.html()).contains("Dear Zo&#235; M&#252;ller,");
        assertThat(email.text()).contains("Dear Zoë Müller,");
        for (String part : List.of(email.html(), email.text())) {
            assertThat(part)
                    .contains("GraphPipe: Improving Performance and Scalability of DNN Training")
                    .contains("Helix: Serving Large Language Models over Heterogeneous GPUs")
                    .contains("Cinnamon: A Framework for Scale-out Encrypted AI")
                    .contains("https://pdl.example.org/newsletter/unsubscribe?t=TOKEN");
        }
        assertThat(email.html()).contains(issue.preheader());
    }

    @Test
    void greetsSubscribersWithoutANameWithoutAnEmptyName() {
        RenderedEmail email = render(zoe(""));

        assertThat(email.html()).doesNotContain("Dear ,").contains("Hello,");
        assertThat(email.text()).doesNotContain("Dear ,").contains("Hello,");
    }

    @Test
    void escapesSubscriberDataInHtmlAndNeverEvaluatesIt() {
        RenderedEmail email = render(zoe("<script>alert(1)</script> __${7*7}__ [[${7*7}]]"));

        assertThat(email.html())
                .doesNotContain("<script>alert(1)")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("__${7*7}__")
                .doesNotContain("49");
        assertThat(email.text()).contains("<script>alert(1)</script> __${7*7}__ [[${7*7}]]");
    }

    @Test
    void wrapsTheTextPartAt76ColumnsExceptUnbreakableWords() {
        RenderedEmail email = render(zoe("Zoë Müller"));

        assertThat(email.text().lines())
                .filteredOn(line -> line.length() > IssueRenderer.TEXT_WIDTH)
                .allSatisfy(line -> assertThat(line.strip()).doesNotContain(" "));
    }

    @Test
    void failsOnAnUnknownTemplateVariableNamingItAndTheTemplateLine() throws IOException {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace("templates/issue.txt", "[(${issue.newsletter})]", "[(${issue.newsleter})]");
        IssueRenderer renderer = new IssueRenderer(project.resolve("templates"));

        assertThatThrownBy(() -> renderer.render(renderer.prepare(issue, SENDER), zoe("Zoë"), LINKS, "s"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems().get(0).file().toString()).endsWith("issue.txt");
                    assertThat(e.problems().get(0).line()).isPositive();
                })
                .hasMessageContaining("'issue.newsleter', which does not exist");
    }

    @Test
    void failsOnATemplateSyntaxErrorWithItsPosition() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace("templates/issue.html", "th:text=\"${issue.subject}\"", "th:text=\"${issue.subject\"");
        IssueRenderer renderer = new IssueRenderer(project.resolve("templates"));

        assertThatThrownBy(() -> renderer.render(renderer.prepare(issue, SENDER), zoe("Zoë"), LINKS, "s"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).file().toString()).endsWith("issue.html"));
    }

    @Test
    void refusesToStartWhenATemplateIsMissing() throws IOException {
        SampleProject project = SampleProject.copyTo(dir);
        Files.delete(project.resolve("templates/issue.txt"));
        IssueRenderer renderer = new IssueRenderer(project.resolve("templates"));

        assertThatThrownBy(() -> renderer.prepare(issue, SENDER)).hasMessageContaining("issue.txt: template not found");
    }

    private RenderedEmail render(Subscriber subscriber) {
        IssueRenderer renderer = new IssueRenderer(Path.of("templates"));
        return renderer.render(renderer.prepare(issue, SENDER), subscriber, LINKS, issue.subject());
    }

    private static Subscriber zoe(String name) {
        return new Subscriber(
                EmailAddress.parse("zoe.mueller@example.org"),
                name,
                Status.ACTIVE,
                "2024-09-02T10:15:00Z",
                List.of("student"),
                Map.of("affiliation", "Example Storage GmbH"),
                3);
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file (create it with -Dgolden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
