package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} and {@code send} on pictures and attachments: warnings, passes, and one clear line for a bad path. */
class IssueFilesCommandTest {
    @TempDir
    Path dir;

    private SampleProject sample() {
        return SampleProject.copyTo(dir);
    }

    private static void attach(SampleProject sample, String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(3).nextBytes(bytes);
        Files.write(sample.resolve("issues/2024-fall/" + name), bytes);
        String yaml = sample.read("issues/2024-fall.yaml");
        sample.write(
                "issues/2024-fall.yaml",
                yaml + (yaml.contains("attachments:") ? "" : "attachments:\n") + "  - 2024-fall/" + name + "\n");
    }

    @Test
    void embeddedPicturesAndASmallAttachmentPassCheckAndTheSendExitsZero() throws IOException {
        SampleProject sample = sample();
        sample.append("config/newsletter.yaml", "\nimages: embed\n");
        attach(sample, "agenda.pdf", 200 * 1024);

        SampleProject.Run check =
                sample.run(SampleProject.ENV, "check", sample.issue().toString());

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out())
                .containsPattern("pass\\s+images\\s+.*parts of the message")
                .containsPattern("pass\\s+size\\s+.*besides .* of pictures and attachments")
                .containsPattern("pass\\s+attachments\\s+1 attachment, 200 KB");
        SampleProject.Run send =
                sample.run(SampleProject.ENV, "send", sample.issue().toString(), "--yes");
        assertThat(send.code()).as(send.out() + send.err()).isZero();
    }

    @Test
    void attachmentsOverOneMegabyteAreAWarning() throws IOException {
        SampleProject sample = sample();
        attach(sample, "slides.pdf", 700 * 1024);
        attach(sample, "poster.pdf", 400 * 1024);

        SampleProject.Run check =
                sample.run(SampleProject.ENV, "check", sample.issue().toString());

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).containsPattern("warn\\s+attachments\\s+2 attachments, 1100 KB: over 1024 KB");
    }

    @Test
    void aMissingAttachmentIsOneLineWithFileLineAndColumnAndExitTwo() {
        SampleProject sample = sample();
        sample.append("issues/2024-fall.yaml", "attachments:\n  - 2024-fall/agenda.pdf\n");

        SampleProject.Run send =
                sample.run(SampleProject.ENV, "send", sample.issue().toString(), "--yes");

        assertThat(send.code()).isEqualTo(2);
        assertThat(send.err().lines().findFirst().orElseThrow())
                .matches(".*2024-fall\\.yaml:\\d+:5: attachment file not found: .*agenda\\.pdf");
        assertThat(send.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(sample.resolve("outbox/2024-fall")).doesNotExist();
    }

    @Test
    void aMarkdownPictureOutsideTheIssuesFolderIsOneLineAndExitTwo() {
        SampleProject sample = sample();
        sample.replace(
                "issues/2024-fall.yaml",
                "joined us at this year's PDL Retreat",
                "joined us ![the key](../config/newsletter.yaml) at this year's PDL Retreat");

        SampleProject.Run check =
                sample.run(SampleProject.ENV, "check", sample.issue().toString());

        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err().lines().findFirst().orElseThrow())
                .matches(
                        ".*2024-fall\\.yaml:\\d+:\\d+: image '\\.\\./config/newsletter\\.yaml' must be a file in the issue's folder.*");
    }
}
