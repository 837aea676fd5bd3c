package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check.spamThreshold}: 5.0 unless set; a score out of range names its line. */
class CheckSettingsTest {
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
    void theSpamThresholdIsFiveUnlessSet() throws IOException {
        assertThat(ConfigLoader.load(write("")).check().spamThreshold()).isEqualTo(5.0);
        assertThat(ConfigLoader.load(write("check:\n  spamThreshold: 3.5\n"))
                        .check()
                        .spamThreshold())
                .isEqualTo(3.5);
    }

    @Test
    void aNegativeThresholdIsRefusedWithItsLine() throws IOException {
        Path file = write("check:\n  spamThreshold: -1\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.message()).contains("check.spamThreshold");
                            assertThat(p.line()).isEqualTo(8);
                        }));
    }

    @Test
    void anUnknownKeyUnderCheckIsRefused() throws IOException {
        Path file = write("check:\n  spamTreshold: 4\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(Problem::message)
                                .anySatisfy(m -> assertThat(m).contains("spamTreshold")));
    }
}
