package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.config.ImageMode;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.mailing.Enclosures;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every message carries: pictures only when embedded, attachments always, neither too big. */
class IssueEnclosuresTest {
    @TempDir
    Path dir;

    @Test
    void linkedPicturesStayOutOfTheMessageAndEmbeddedOnesGoInWithTheirContentIds() {
        SampleProject sample = SampleProject.copyTo(dir);
        Issue issue = new IssueReader().read(sample.issue());

        assertThat(IssueEnclosures.of(issue, ImageMode.LINK).isEmpty()).isTrue();
        Enclosures embedded = IssueEnclosures.of(issue, ImageMode.EMBED);
        assertThat(embedded.inline())
                .extracting(Enclosures.Part::fileName)
                .containsExactly("graphpipe.png", "helix.png", "cinnamon.png");
        assertThat(embedded.inline())
                .allSatisfy(part -> assertThat(part.contentId()).matches("img\\.[0-9a-f]{24}@newsletter\\.invalid"));
        assertThat(embedded.attachments()).isEmpty();
    }

    @Test
    void picturesTooBigToEmbedInEveryMessageAreRefused() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        Path picture = sample.resolve("issues/2024-fall/helix.png");
        try (RandomAccessFile file = new RandomAccessFile(picture.toFile(), "rw")) {
            file.setLength(IssueEnclosures.MAX_EMBEDDED + 1); // a PNG header, then zeros
        }
        Issue issue = new IssueReader().read(sample.issue());

        assertThat(IssueEnclosures.of(issue, ImageMode.LINK).isEmpty()).isTrue();
        assertThatThrownBy(() -> IssueEnclosures.of(issue, ImageMode.EMBED))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("can be embedded in every message")
                .hasMessageContaining("images: link");
        assertThat(Files.size(picture)).isEqualTo(IssueEnclosures.MAX_EMBEDDED + 1);
    }
}
