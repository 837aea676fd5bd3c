package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run works on a copy of the sample in a folder of its own and leaves nothing behind. */
class StartupTrainingTest {
    @Test
    void everyTrainingCommandWorksAndItsFolderIsDeletedAfter(@TempDir Path parent) throws Exception {
        int code = StartupTraining.run(parent);

        assertThat(code).isZero();
        try (Stream<Path> left = Files.list(parent)) {
            assertThat(left).isEmpty();
        }
    }
}
