package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bounces.softLimit} and {@code bounces.softWindow}: 3 and 30d unless set; nonsense names its line. */
class BounceSettingsTest {
    private static final String NEWSLETTER = """
            newsletter:
              name: N
              from: n@example.org
              list: main
              listId: n.example.org
              baseUrl: https://example.org/n
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("config/newsletter.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, NEWSLETTER + yaml);
        return file;
    }

    @Test
    void threeSoftBouncesWithinThirtyDaysUnlessSet() throws IOException {
        BounceSettings defaults = ConfigLoader.load(write("")).bounces();
        assertThat(defaults.softLimit()).isEqualTo(3);
        assertThat(defaults.softWindow()).isEqualTo(Duration.ofDays(30));

        BounceSettings set = ConfigLoader.load(write("bounces:\n  softLimit: 5\n  softWindow: 14d\n"))
                .bounces();
        assertThat(set.softLimit()).isEqualTo(5);
        assertThat(set.softWindow()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void aLimitBelowOneOrAnEmptyWindowIsRefusedWithItsLine() throws IOException {
        Path file = write("bounces:\n  softLimit: 0\n  softWindow: 0s\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(p -> p.line() + " " + p.message())
                                .containsExactly(
                                        "8 bounces.softLimit must be a number of soft bounces from 1 to 1000 (default 3)",
                                        "9 bounces.softWindow must be a time from 1s to 3650d, like 30d (default 30d)"));
    }

    @Test
    void anUnknownKeyOrABadDurationUnderBouncesIsRefused() throws IOException {
        Path typo = write("bounces:\n  softLimt: 4\n");
        assertThatThrownBy(() -> ConfigLoader.load(typo))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .anySatisfy(m -> assertThat(m).contains("softLimt")));

        Path duration = write("bounces:\n  softWindow: a month\n");
        assertThatThrownBy(() -> ConfigLoader.load(duration))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .anySatisfy(m -> assertThat(m).contains("not a duration")));
    }
}
