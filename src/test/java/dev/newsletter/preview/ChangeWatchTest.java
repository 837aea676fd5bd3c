package dev.newsletter.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What counts as a change for the preview; each test scans when it chooses (the timer is a day away). */
class ChangeWatchTest {
    @TempDir
    Path dir;

    private ChangeWatch watch;
    private final AtomicInteger woken = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("templates/fragments"));
        Files.writeString(dir.resolve("templates/issue.html"), "<p>hello</p>");
        Files.writeString(dir.resolve("templates/fragments/paper.html"), "<p>paper</p>");
        watch = ChangeWatch.start(List.of(new ChangeWatch.Root(dir, 4)), Duration.ofDays(1));
        watch.onChange(woken::incrementAndGet);
    }

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void anEditInASubfolderIsAChange() throws IOException {
        Files.writeString(dir.resolve("templates/fragments/paper.html"), "<p>papers</p>");

        watch.rescan();

        assertThat(watch.version()).isEqualTo(2);
        assertThat(woken).hasValue(1);
    }

    @Test
    void anEditThatKeepsTheSizeAndTheModificationTimeIsAChange() throws IOException {
        Path file = dir.resolve("templates/issue.html");
        FileTime modified = Files.getLastModifiedTime(file);

        Files.writeString(file, "<p>hallo</p>");
        Files.setLastModifiedTime(file, modified);
        watch.rescan();

        assertThat(watch.version()).isEqualTo(2);
    }

    @Test
    void newAndDeletedFilesAreChanges() throws IOException {
        Files.writeString(dir.resolve("templates/fragments/text.html"), "<p>text</p>");
        watch.rescan();
        Files.delete(dir.resolve("templates/fragments/text.html"));
        watch.rescan();

        assertThat(watch.version()).isEqualTo(3);
    }

    @Test
    void editorsSwapAndBackupFilesHiddenFilesAndRuntimeFoldersAreNot() throws IOException {
        Files.writeString(dir.resolve("templates/.issue.html.swp"), "swap");
        Files.writeString(dir.resolve("templates/issue.html~"), "backup");
        Files.writeString(dir.resolve("templates/4913"), "");
        Files.createDirectories(dir.resolve("var/capture"));
        Files.writeString(dir.resolve("var/capture/x.jsonl"), "{}");
        Files.createDirectories(dir.resolve("outbox/2024-fall"));
        Files.writeString(dir.resolve("outbox/2024-fall/a.eml"), "From: x");

        watch.rescan();

        assertThat(watch.version()).isEqualTo(1);
        assertThat(woken).hasValue(0);
    }

    @Test
    void nothingChangedIsNoChange() {
        watch.rescan();
        watch.rescan();

        assertThat(watch.version()).isEqualTo(1);
    }
}
