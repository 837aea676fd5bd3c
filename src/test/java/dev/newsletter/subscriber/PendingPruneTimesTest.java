package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pending rows a prune takes, by their signup time in every form a list may hold. */
class PendingPruneTimesTest {
    @TempDir
    Path dir;

    @Test
    void offsetsAreHonouredAndFutureOrMissingTimesAreKeptInABomCrlfList() throws Exception {
        Path list = dir.resolve("l.csv");
        String text = "\uFEFFemail,name,status,subscribed_at,tags\r\n"
                + "old@example.org,,pending,2024-10-01T23:00:00-02:00,\r\n" // 2024-10-02T01:00Z: before the cut-off
                + "edge@example.org,,pending,2024-10-02T03:30:00+02:00,\r\n" // 01:30Z: equal, kept
                + "new@example.org,,pending,2024-10-02T04:00:00+02:00,\r\n" // 02:00Z: after, kept
                + "future@example.org,,pending,2999-01-01T00:00:00Z,\r\n"
                + "none@example.org,,pending,,\r\n"
                + "active@example.org,,active,2000-01-01,\r\n";
        Files.writeString(list, text, StandardCharsets.UTF_8);
        Instant cutoff = Instant.parse("2024-10-02T01:30:00Z");

        PendingPrune.Result dry = new PendingPrune(list, false, () -> {}).olderThan(cutoff, true);
        assertThat(dry.removed()).extracting(s -> s.email().toString()).containsExactly("old@example.org");
        assertThat(Files.readString(list, StandardCharsets.UTF_8)).isEqualTo(text);

        PendingPrune.Result done = new PendingPrune(list, false, () -> {}).olderThan(cutoff, false);
        assertThat(done.removed()).extracting(s -> s.email().toString()).containsExactly("old@example.org");
        assertThat(done.keptWithoutTime()).isEqualTo(1);
        assertThat(done.keptRecent()).isEqualTo(3);
        assertThat(Files.readString(list, StandardCharsets.UTF_8))
                .isEqualTo(text.replace("old@example.org,,pending,2024-10-01T23:00:00-02:00,\r\n", ""));
    }
}
