package dev.newsletter.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.app.Project;
import dev.newsletter.check.CheckOptions;
import dev.newsletter.check.CheckReport;
import dev.newsletter.check.CheckResult;
import dev.newsletter.check.PreSendCheck;
import dev.newsletter.check.Severity;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.testing.SampleProject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images: link}: an item's picture is copied into the site and linked by absolute URL under baseUrl. */
class SiteImagesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final String LINK = "        link: https://arxiv.org/abs/2406.17145\n";
    private static final Map<String, String> SECRET =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");
    private static final String URL = "https://pdl.example.org/newsletter/2024-fall/graphpipe.png";

    @TempDir
    Path dir;

    SampleProject sample;
    Path out;

    @BeforeEach
    void setUp() throws IOException {
        sample = SampleProject.copyTo(dir.resolve("project"));
        out = dir.resolve("project/site");
        // the sample's own figure of the first paper makes way for each test's
        String issue = sample.read("issues/2024-fall.yaml");
        sample.write(
                "issues/2024-fall.yaml",
                issue.replaceFirst("(?m)^        image: 2024-fall/graphpipe\\.png\n        alt: .*\n", ""));
        Files.createDirectories(sample.resolve("issues/2024-fall"));
        ImageIO.write(
                new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB),
                "png",
                sample.resolve("issues/2024-fall/graphpipe.png").toFile());
    }

    private Config config() {
        return ConfigLoader.load(sample.config());
    }

    @Test
    void thePictureIsCopiedAndLinkedWithItsSizeAndAltInThePageAndTheMessage() throws IOException {
        sample.replace(
                "issues/2024-fall.yaml",
                LINK,
                LINK + "        image: 2024-fall/graphpipe.png\n        alt: \"Stages of a model split as a graph\"\n");

        SiteWriter.Result result = new SiteWriter(config(), CLOCK).publish(sample.issue(), out);

        Path copied = out.resolve("2024-fall/graphpipe.png");
        assertThat(result.written()).contains(copied);
        assertThat(Files.mismatch(copied, sample.resolve("issues/2024-fall/graphpipe.png")))
                .isEqualTo(-1);
        String img = "<img src=\"" + URL + "\" width=\"48\" height=\"32\" alt=\"Stages of a model split as a graph\"";
        assertThat(Files.readString(out.resolve("2024-fall.html"))).contains(img);

        Project project = Project.load(config(), sample.issue());
        String message = project.composer("pdl-packet", project.messageIds("pdl-packet", SECRET), "", SECRET, CLOCK)
                .letter(project.firstActive("pdl-packet").orElseThrow())
                .content()
                .html();
        assertThat(message).contains(img);
    }

    @Test
    void checkWarnsAboutAPictureOver200Kb() throws IOException {
        Files.write(sample.resolve("issues/2024-fall/graphpipe.png"), big());
        sample.replace(
                "issues/2024-fall.yaml", LINK, LINK + "        image: 2024-fall/graphpipe.png\n        alt: noise\n");

        CheckReport report = new PreSendCheck(SECRET, CLOCK, links -> Map.of(), name -> List.of())
                .run(
                        Project.load(config(), sample.issue()),
                        new CheckOptions(null, Optional.empty(), false, Duration.ofSeconds(1)));

        CheckResult size = report.results().stream()
                .filter(r -> r.name().equals("image-size"))
                .findFirst()
                .orElseThrow();
        assertThat(size.severity()).isEqualTo(Severity.WARN);
        assertThat(size.details()).singleElement().asString().startsWith("2024-fall/graphpipe.png: ");
    }

    /** A PNG of noise, which does not compress: well over 200 KB. */
    private static byte[] big() throws IOException {
        BufferedImage image = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(1);
        for (int y = 0; y < 300; y++) {
            for (int x = 0; x < 400; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        assertThat(bytes.size()).isGreaterThan(200 * 1024);
        return bytes.toByteArray();
    }

    @Test
    void aPictureWithoutAltTextIsRefusedWithItsLine() {
        sample.replace("issues/2024-fall.yaml", LINK, LINK + "        image: 2024-fall/graphpipe.png\n");

        assertThatThrownBy(() -> new SiteWriter(config(), CLOCK).publish(sample.issue(), out))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2024-fall.yaml:42:")
                .hasMessageContaining("needs alt text");
        assertThat(out).doesNotExist();
    }

    @Test
    void aPictureOutsideTheIssuesFolderIsRefused() {
        sample.replace(
                "issues/2024-fall.yaml", LINK, LINK + "        image: ../config/newsletter.yaml\n        alt: x\n");

        assertThatThrownBy(() -> Project.load(config(), sample.issue()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("must be a file in the issue's folder");
    }

    @Test
    void aFileThatIsNotAPictureIsRefused() throws IOException {
        Files.writeString(sample.resolve("issues/2024-fall/notes.png"), "not a picture");
        sample.replace("issues/2024-fall.yaml", LINK, LINK + "        image: 2024-fall/notes.png\n        alt: x\n");

        assertThatThrownBy(() -> Project.load(config(), sample.issue()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a PNG, JPEG or GIF file");
    }
}
