package dev.newsletter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code images}: {@code link} unless set; anything but link or embed names its line. */
class ImageModeTest {
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
    void picturesAreLinkedUnlessTheConfigSaysEmbed() throws IOException {
        assertThat(ConfigLoader.load(write("")).images()).isEqualTo(ImageMode.LINK);
        assertThat(ConfigLoader.load(write("images: link\n")).images()).isEqualTo(ImageMode.LINK);
        assertThat(ConfigLoader.load(write("images: embed\n")).images()).isEqualTo(ImageMode.EMBED);
    }

    @Test
    void anotherValueIsRefusedWithItsLine() throws IOException {
        Path file = write("images: inline\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":7:")
                .hasMessageContaining("inline");
    }
}
