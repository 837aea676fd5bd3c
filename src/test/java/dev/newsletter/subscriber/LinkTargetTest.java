package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkTargetTest {
    @TempDir
    Path dir;

    @Test
    void followsAChainOfRelativeAndAbsoluteLinksToTheRealFile() throws Exception {
        Path real = Files.writeString(
                Files.createDirectories(dir.resolve("data/lists")).resolve("real.csv"), "x");
        Path middle = Files.createSymbolicLink(dir.resolve("data/middle.csv"), Path.of("lists/real.csv"));
        Path link = Files.createSymbolicLink(dir.resolve("list.csv"), middle);

        assertThat(LinkTarget.of(link)).isEqualTo(real.toRealPath());
        assertThat(LinkTarget.of(real)).isEqualTo(real.toRealPath());
    }

    @Test
    void givesTheTargetOfADanglingLinkAndTheSameLockForTwoLinks() throws Exception {
        Path one = Files.createSymbolicLink(dir.resolve("one.csv"), Path.of("later.csv"));
        Path two = Files.createSymbolicLink(dir.resolve("two.csv"), dir.resolve("later.csv"));

        assertThat(LinkTarget.of(one)).isEqualTo(dir.toRealPath().resolve("later.csv"));
        assertThat(FileLock.lockFileOf(LinkTarget.of(one))).isEqualTo(FileLock.lockFileOf(LinkTarget.of(two)));
    }

    @Test
    void refusesALoop() throws Exception {
        Path a = dir.resolve("a.csv");
        Files.createSymbolicLink(a, Path.of("b.csv"));
        Files.createSymbolicLink(dir.resolve("b.csv"), Path.of("a.csv"));

        assertThatThrownBy(() -> LinkTarget.of(a))
                .isInstanceOf(FileSystemException.class)
                .hasMessageContaining("Too many levels of symbolic links");
    }
}
