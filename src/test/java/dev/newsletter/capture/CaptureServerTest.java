package dev.newsletter.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture server's outbox folder after a kill or a full disk. */
class CaptureServerTest {
    @TempDir
    Path dir;

    @Test
    void startingDeletesTempFilesOfProcessesThatAreGoneAndKeepsThoseOfLiveOnes() throws IOException {
        long me = ProcessHandle.current().pid();
        Path old = Files.writeString(dir.resolve(".incoming-8071234567890.tmp"), "half a message");
        Path dead = Files.writeString(dir.resolve(".incoming-" + Long.MAX_VALUE + "-42.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".incoming-" + me + "-43.tmp"), "being written");
        Path message = Files.writeString(dir.resolve("ana@example.org.eml"), "a message");

        try (CaptureServer server = CaptureServer.start(dir, 1)) {
            assertThat(server.port()).isPositive();
        }

        assertThat(old).doesNotExist();
        assertThat(dead).doesNotExist();
        assertThat(live).exists();
        assertThat(message).exists();
    }
}
