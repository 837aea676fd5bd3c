package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheSampleConfigWithItsProjectFolder() {
        SampleProject project = SampleProject.copyTo(dir);

        Config config = ConfigLoader.load(project.config());

        assertThat(config.projectDir()).isEqualTo(dir.toAbsolutePath());
        assertThat(config.newsletter().list()).isEqualTo("pdl-packet");
        assertThat(config.listFile("pdl-packet"))
                .isEqualTo(dir.resolve("subscribers/pdl-packet.csv").toAbsolutePath());
        assertThat(config.smtp().mode()).isEqualTo(SmtpSettings.Mode.CAPTURE);
        assertThat(config.smtp().tls()).isEqualTo(SmtpSettings.Tls.STARTTLS_REQUIRED);
        assertThat(config.sending().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.sending().retry().maxBackoff()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.scheduler().misfireGrace()).isEqualTo(Duration.ofHours(1));
        assertThat(config.schedules()).hasSize(1);
    }

    @Test
    void appliesDefaultsForAbsentSections() {
        Path file = write("""
                newsletter:
                  name: N
                  from: n@example.org
                  list: main
                  listId: n.example.org
                  baseUrl: https://example.org/n
                """);

        Config config = ConfigLoader.load(file);

        assertThat(config.smtp().connections()).isEqualTo(4);
        assertThat(config.smtp().timeoutSeconds()).isEqualTo(30);
        assertThat(config.sending().maxErrors()).isEqualTo(1000);
        assertThat(config.sending().suppressHardBounces()).isTrue();
        assertThat(config.dkim()).isEmpty();
        assertThat(config.unsubscribe().secretEnv()).isEqualTo("NEWSLETTER_UNSUBSCRIBE_SECRET");
    }

    @Test
    void reportsEveryUnknownKeyWithLineAndColumn() {
        Path file = write("""
                newsletter:
                  name: N
                  form: n@example.org
                smtp:
                  hots: localhost
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .filteredOn(p -> p.message().startsWith("unknown key"))
                                .extracting(Problem::line, Problem::column)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(3, 3),
                                        org.assertj.core.groups.Tuple.tuple(5, 3)))
                .hasMessageContaining("unknown key 'form'")
                .hasMessageContaining("unknown key 'hots'")
                .hasMessageContaining("known keys:");
    }

    @Test
    void reportsAllMissingAndInvalidValuesAtOnce() {
        Path file = write("""
                newsletter:
                  name: N
                  from: "not an address"
                  list: "../etc/passwd"
                  baseUrl: ftp://example.org
                smtp:
                  port: 70000
                  connections: 0
                """);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).hasSize(6))
                .hasMessageContaining("newsletter.yaml:3:")
                .hasMessageContaining("missing required key 'newsletter.listId'")
                .hasMessageContaining("may only use letters")
                .hasMessageContaining("baseUrl must be an absolute http(s) URL")
                .hasMessageContaining("smtp.port must be")
                .hasMessageContaining("smtp.connections must be");
    }

    @Test
    void refusesASuppressHardBouncesThatIsNotTrueOrFalse() {
        Path file = write(sample("sending:", "sending:\n  suppressHardBounces: sometimes"));

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("newsletter.yaml:")
                .hasMessageContaining("suppressHardBounces");
    }

    @Test
    void namesTheAllowedValuesOfABadEnum() {
        Path file = write(sample("mode: capture", "mode: carrier-pigeon"));

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("newsletter.yaml:")
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("capture");
    }

    @Test
    void refusesBrokenYamlWithItsPosition() {
        Path file = write("newsletter:\n  name: [unclosed\n  from: x\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().get(0).line()).isPositive());
    }

    @Test
    void refusesDuplicateKeys() {
        Path file = write(sample("  connections: 4\n", "  connections: 4\n  connections: 8\n"));

        assertThatThrownBy(() -> ConfigLoader.load(file)).hasMessageContaining("connections");
    }

    @Test
    void readsAFileWithAByteOrderMarkAndCrlfLineEnds() {
        Path file = write("\uFEFF" + sample("", "").replace("\n", "\r\n"));

        assertThat(ConfigLoader.load(file).newsletter().name()).isEqualTo("The PDL Packet");
    }

    @Test
    void refusesAnEmptyFileAndAMissingFile() {
        Path empty = write("");

        assertThatThrownBy(() -> ConfigLoader.load(empty)).hasMessageContaining("the file is empty");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("config/none.yaml")))
                .hasMessageContaining("none.yaml: no such file");
    }

    @Test
    void readsDurationsAndRatesAsPeopleWriteThem() {
        Path file = write(sample("initialBackoff: 2s", "initialBackoff: 500ms")
                .replace(
                        "maxErrors: 1000", "maxErrors: 1000\n  perDomain:\n    gmail.com: 20/s\n    yahoo.com: 600/m"));

        Config config = ConfigLoader.load(file);

        assertThat(config.sending().retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.sending().perDomain().get("gmail.com").perSecond()).isEqualTo(20.0);
        assertThat(config.sending().perDomain().get("yahoo.com").perSecond()).isEqualTo(10.0);
    }

    @Test
    void refusesABadDurationNamingTheKey() {
        Path file = write(sample("maxBackoff: 10m", "maxBackoff: ten minutes"));

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessageContaining("'ten minutes' is not a duration")
                .hasMessageContaining("maxBackoff");
    }

    private String sample(String from, String to) {
        String text = SampleProject.copyTo(dir.resolve("sample")).read("config/newsletter.yaml");
        if (!text.contains(from)) {
            throw new AssertionError("sample config lacks: " + from);
        }
        return text.replace(from, to);
    }

    private Path write(String yaml) {
        Path file = dir.resolve("config/newsletter.yaml");
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, yaml);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }
}
