package dev.newsletter.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pictures in Markdown texts and attachments: files next to the issue, by the rules of an item's picture. */
class IssueFilesTest {
    @TempDir
    Path dir;

    Path issues;
    Path issueFile;
    private final IssueReader reader = new IssueReader();

    @BeforeEach
    void pictures() throws IOException {
        issues = Files.createDirectories(dir.resolve("project/issues"));
        issueFile = issues.resolve("2024-fall.yaml");
        Files.createDirectories(issues.resolve("2024-fall"));
        ImageIO.write(
                new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB),
                "png",
                issues.resolve("2024-fall/graphpipe.png").toFile());
        ImageIO.write(
                new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB),
                "png",
                dir.resolve("project/secret.png").toFile());
    }

    /** An issue whose intro (line 6 on) and text item's body are {@code intro} and {@code body}. */
    private Issue read(String intro, String body, String more) throws IOException {
        Files.writeString(issueFile, """
                id: 2024-fall
                newsletter: The PDL Packet
                subject: "The PDL Packet"
                date: 2024-11-01
                intro: |
                  %s
                sections:
                  - heading: News
                    items:
                      - type: text
                        body: |
                          %s
                %s""".formatted(intro, body, more), StandardCharsets.UTF_8);
        return reader.read(issueFile);
    }

    private Problem problemOf(String intro) {
        InvalidInputException e = (InvalidInputException)
                org.assertj.core.api.Assertions.catchThrowable(() -> read(intro, "Send us news.", ""));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void aMarkdownPictureNextToTheIssueGetsItsSizeAndItsUrlFilledInLater() throws IOException {
        Issue issue = read("Our figure: ![Stages as a graph](2024-fall/graphpipe.png)", "Send us news.", "");

        Markdown intro = issue.intro().orElseThrow();
        assertThat(intro.images()).singleElement().satisfies(image -> {
            assertThat(image.path()).isEqualTo("2024-fall/graphpipe.png");
            assertThat(image.alt()).isEqualTo("Stages as a graph");
            assertThat(image.width()).isEqualTo(64);
            assertThat(image.height()).isEqualTo(40);
            assertThat(image.contentType()).isEqualTo("image/png");
        });
        assertThat(intro.html(image -> "https://pdl.example.org/newsletter/" + image.path()))
                .contains("<img src=\"https://pdl.example.org/newsletter/2024-fall/graphpipe.png\" "
                        + "alt=\"Stages as a graph\" width=\"64\" height=\"40\" />");
        assertThat(intro.html(Image::cid)).contains("src=\"cid:img.").doesNotContain(Markdown.PLACEHOLDER);
        assertThat(issue.images()).hasSize(1);
    }

    @Test
    void theSamePictureInTwoTextsIsOnePictureOfTheIssue() throws IOException {
        Issue issue = read("![Stages](2024-fall/graphpipe.png)", "![Stages again](./2024-fall/graphpipe.png)", "");

        assertThat(issue.images()).extracting(Image::path).containsExactly("2024-fall/graphpipe.png");
    }

    @Test
    void aRemotePictureStaysAsItIs() throws IOException {
        Issue issue = read("![Logo](https://pdl.example.org/logo.png)", "Send us news.", "");

        assertThat(issue.images()).isEmpty();
        assertThat(issue.intro().orElseThrow().html())
                .contains("<img src=\"https://pdl.example.org/logo.png\" alt=\"Logo\" />");
    }

    @Test
    void aPictureCutShortOrOfAnotherFormatIsRefusedWhereItIsWritten() throws IOException {
        byte[] png = Files.readAllBytes(issues.resolve("2024-fall/graphpipe.png"));
        Files.write(issues.resolve("2024-fall/cut.png"), java.util.Arrays.copyOf(png, 20));
        Files.write(issues.resolve("2024-fall/empty.png"), new byte[0]);
        ImageIO.write(
                new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB),
                "bmp",
                issues.resolve("2024-fall/old.bmp").toFile());

        Problem cut = problemOf("See ![a figure](2024-fall/cut.png)");
        Problem empty = problemOf("See ![a figure](2024-fall/empty.png)");
        Problem bmp = problemOf("See ![a figure](2024-fall/old.bmp)");

        assertThat(cut.file()).isEqualTo(issueFile);
        assertThat(cut.line()).isEqualTo(6);
        assertThat(cut.message())
                .isEqualTo(
                        "image '2024-fall/cut.png' cannot be read: the PNG file is cut short: it ends within its header");
        assertThat(empty.message()).isEqualTo("image '2024-fall/empty.png' is not a PNG, JPEG or GIF file");
        assertThat(bmp.message()).isEqualTo("image '2024-fall/old.bmp' is bmp; use PNG, JPEG or GIF");
    }

    @Test
    void aMarkdownPictureWithoutAltTextIsRefusedWhereItIsWritten() {
        Problem problem = problemOf("See ![](2024-fall/graphpipe.png)");

        assertThat(problem.file()).isEqualTo(issueFile);
        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.column()).isEqualTo(11);
        assertThat(problem.message()).contains("needs alt text");
    }

    @Test
    void aPathOutOfTheIssuesFolderIsRefusedWithItsLineAndColumn() {
        for (String path :
                List.of("../secret.png", "2024-fall/../../secret.png", "/etc/passwd", "//evil.example/x.png")) {
            Problem problem = problemOf("See ![a secret](" + path + ")");

            assertThat(problem.toString())
                    .as(path)
                    .startsWith(issueFile + ":6:")
                    .contains("must be a file in the issue's folder");
            assertThat(problem.column()).as(path).isEqualTo(19);
        }
    }

    @Test
    void aSymbolicLinkOutOfTheIssuesFolderIsRefused() throws IOException {
        Files.createSymbolicLink(issues.resolve("2024-fall/innocent.png"), dir.resolve("project/secret.png"));

        Problem problem = problemOf("See ![a secret](2024-fall/innocent.png)");

        assertThat(problem.line()).isEqualTo(6);
        assertThat(problem.message()).contains("link to a file outside the issue's folder");
    }

    @Test
    void attachmentsAreFilesNextToTheIssueWithTheirTypeFromTheirContent() throws IOException {
        Files.write(
                issues.resolve("2024-fall/Überblick Ω.pdf"),
                "%PDF-1.4\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(issues.resolve("2024-fall/notes"), "plain words\n");
        Files.write(issues.resolve("2024-fall/data.bin"), new byte[] {0, 1, 2, 3});

        Issue issue = read(
                "Hello.",
                "Send us news.",
                "attachments:\n  - 2024-fall/Überblick Ω.pdf\n  - 2024-fall/graphpipe.png\n  - 2024-fall/data.bin\n");

        assertThat(issue.attachments())
                .extracting(Attachment::fileName, Attachment::contentType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Überblick Ω.pdf", "application/pdf"),
                        org.assertj.core.groups.Tuple.tuple("graphpipe.png", "image/png"),
                        org.assertj.core.groups.Tuple.tuple("data.bin", "application/octet-stream"));
    }

    @Test
    void aMissingAttachmentIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> read("Hello.", "News.", "attachments:\n  - 2024-fall/agenda.pdf\n"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .singleElement()
                        .hasToString(issueFile + ":14:5: attachment file not found: "
                                + issues.resolve("2024-fall/agenda.pdf")));
    }

    @Test
    void anAttachmentNameWithALineBreakIsRefused() throws IOException {
        Files.writeString(issues.resolve("2024-fall/a\r\nBcc: victim@example.org.pdf"), "%PDF-1.4\n");

        assertThatThrownBy(() ->
                        read("Hello.", "News.", "attachments:\n  - \"2024-fall/a\\r\\nBcc: victim@example.org.pdf\"\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a file in the issue's folder");
    }

    @Test
    void anAttachmentOutOfTheFolderIsRefused() {
        assertThatThrownBy(() -> read("Hello.", "News.", "attachments:\n  - ../secret.png\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(issueFile + ":14:5")
                .hasMessageContaining("must be a file in the issue's folder");
    }

    @Test
    void attachmentsOverTenMegabytesInAllAreRefused() throws IOException {
        try (java.io.RandomAccessFile big =
                new java.io.RandomAccessFile(issues.resolve("2024-fall/big.bin").toFile(), "rw")) {
            big.setLength(Attachments.MAX_TOTAL + 1);
        }

        assertThatThrownBy(() -> read("Hello.", "News.", "attachments:\n  - 2024-fall/big.bin\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(issueFile + ":13:")
                .hasMessageContaining("at most 10240 KB can go with every message");
    }

    @Test
    void aBadPictureInASummaryIsReportedWithTheItemsOtherProblems() throws IOException {
        Files.writeString(issueFile, """
                id: 2024-fall
                newsletter: The PDL Packet
                subject: "The PDL Packet"
                date: 2024-11-01
                sections:
                  - heading: Papers
                    items:
                      - type: paper
                        title: GraphPipe
                        authors: [Byungsoo Jeon]
                        venue: ASPLOS 2025
                        summary: "See ![](2024-fall/graphpipe.png)"
                """, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> reader.read(issueFile))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing required key 'link'")
                .hasMessageContaining("needs alt text");
    }
}
