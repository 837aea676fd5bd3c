package dev.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueReaderTest {
    private static final String VALID = """
            id: 2024-fall
            newsletter: The PDL Packet
            subject: "The PDL Packet — Fall 2024"
            preheader: "3 papers at ASPLOS"
            date: 2024-11-01
            intro: |
              Hello *readers*.
            sections:
              - heading: "3 papers at ASPLOS!"
                items:
                  - type: paper
                    title: "GraphPipe"
                    authors: [Byungsoo Jeon, Mengdi Wu]
                    venue: "ASPLOS 2025"
                    summary: |
                      Pipelines as **graphs**.
                    link: https://arxiv.org/abs/2406.17145
              - heading: News
                items:
                  - type: text
                    body: "Send us news."
            """;

    @TempDir
    Path dir;

    private final IssueReader reader = new IssueReader();

    @Test
    void readsTheSampleIssueWithAllThreePapersAndFullAuthorLists() {
        Issue issue = reader.read(Path.of("issues/2024-fall.yaml"));

        assertThat(issue.id()).isEqualTo("2024-fall");
        assertThat(issue.date()).isEqualTo(LocalDate.of(2024, 11, 1));
        assertThat(issue.sections().get(0).items())
                .hasSize(3)
                .allSatisfy(item -> assertThat(item).isInstanceOf(Item.Paper.class));
        Item.Paper graphPipe = (Item.Paper) issue.sections().get(0).items().get(0);
        assertThat(graphPipe.title()).startsWith("GraphPipe: Improving Performance and Scalability");
        assertThat(graphPipe.authors()).hasSize(14).startsWith("Byungsoo Jeon").endsWith("Zhihao Jia");
    }

    @Test
    void convertsMarkdownOnceWhenReading() {
        Issue issue = reader.read(write(VALID));

        assertThat(issue.intro()).get().extracting(Markdown::html).isEqualTo("<p>Hello <em>readers</em>.</p>");
        Item.Paper paper = (Item.Paper) issue.sections().get(0).items().get(0);
        assertThat(paper.summary().html()).isEqualTo("<p>Pipelines as <strong>graphs</strong>.</p>");
        assertThat(paper.summary().source()).isEqualTo("Pipelines as **graphs**.");
    }

    @Test
    void escapesRawHtmlAndDropsScriptLinksInMarkdown() {
        Issue issue = reader.read(write(VALID.replace(
                "Hello *readers*.",
                "<script>alert(1)</script>\n\n  [click](javascript:alert%281%29) [ok](https://example.org)")));

        String html = issue.intro().orElseThrow().html();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(html).doesNotContain("javascript:").contains("href=\"https://example.org\"");
    }

    @Test
    void reportsAnUnknownKeyWithFileLineAndColumn() {
        Path file =
                write(VALID.replace("    venue: \"ASPLOS 2025\"", "    venue: \"ASPLOS 2025\"\n        vneue: typo"));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    Problem problem = e.problems().get(0);
                    assertThat(problem.file()).isEqualTo(file);
                    assertThat(problem.line()).isEqualTo(15);
                    assertThat(problem.column()).isEqualTo(9);
                })
                .hasMessageContaining("unknown key 'vneue'");
    }

    @Test
    void reportsEveryMissingFieldAtOnceWithItsPosition() {
        Path file = write(VALID.replace("        title: \"GraphPipe\"\n", "")
                .replace("        link: https://arxiv.org/abs/2406.17145\n", "")
                .replace("date: 2024-11-01\n", ""));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .containsExactlyInAnyOrder(
                                        "missing required key 'date' (YYYY-MM-DD)",
                                        "missing required key 'title'",
                                        "missing required key 'link'"))
                .hasMessageContaining("2024-fall.yaml:10:");
    }

    @Test
    void refusesARelativeOrScriptLink() {
        Path file = write(VALID.replace("https://arxiv.org/abs/2406.17145", "javascript:alert(1)"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("is not an absolute http(s) URL");
    }

    @Test
    void refusesAnUnknownItemType() {
        Path file = write(VALID.replace("type: text", "type: video"));

        assertThatThrownBy(() -> reader.read(file))
                .hasMessageContaining("2024-fall.yaml:20:")
                .hasMessageContaining("type id 'video'")
                .hasMessageContaining("known type ids = [paper, text]");
    }

    @Test
    void refusesBrokenYaml() {
        Path file = write(VALID.replace("authors: [Byungsoo Jeon, Mengdi Wu]", "authors: [Byungsoo Jeon, Mengdi Wu"));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).line()).isBetween(12, 16));
    }

    @Test
    void refusesASubjectWithALineBreak() {
        Path file = write(
                VALID.replace("subject: \"The PDL Packet — Fall 2024\"", "subject: \"Hi\\r\\nBcc: x@example.com\""));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("the subject must be one line");
    }

    @Test
    void refusesAnIdThatCouldEscapeTheJournalFolder() {
        Path file = write(VALID.replace("id: 2024-fall", "id: ../../etc"));

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("id '../../etc' may only use");
    }

    @Test
    void refusesInvalidUtf8() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.write(file, new byte[] {'i', 'd', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> reader.read(file)).hasMessageContaining("not valid UTF-8");
    }

    private Path write(String yaml) {
        Path file = dir.resolve("2024-fall.yaml");
        try {
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
