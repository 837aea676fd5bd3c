package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentSendsTest {
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void countsTheLastHourOfEveryJournalOnceAndSkipsJournalsNotWrittenInIt() throws IOException {
        Path deliveries = dir.resolve("var/deliveries");
        write(deliveries.resolve("2024-fall/readers.jsonl"), NOW.minusSeconds(600), 2);
        write(deliveries.resolve("2024-fall/other.jsonl"), NOW.minusSeconds(60), 3);
        write(deliveries.resolve("2024-fall/older.jsonl"), NOW.minusSeconds(5400), 1);
        write(deliveries.resolve("2024-winter/readers.jsonl"), NOW.minusSeconds(30), 4);
        Path stale = deliveries.resolve("2024-summer/readers.jsonl");
        write(stale, NOW.minusSeconds(60), 5);
        Files.setLastModifiedTime(stale, FileTime.from(NOW.minus(Duration.ofHours(2))));

        try (DeliveryJournal journal =
                DeliveryJournal.open(deliveries.resolve("2024-fall/readers.jsonl"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(RecentSends.inLastHour(deliveries, journal).total()).isEqualTo(2 + 3 + 4);
        }
    }

    @Test
    void noFolderYetMeansOnlyTheJournalsOwnSends() {
        try (DeliveryJournal journal = DeliveryJournal.open(dir.resolve("j.jsonl"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertThat(RecentSends.inLastHour(dir.resolve("var/deliveries"), journal)
                            .total())
                    .isZero();
        }
    }

    /** {@code attempts} attempt lines at {@code time}, with a result line after each. */
    private static void write(Path journal, Instant time, int attempts) throws IOException {
        Files.createDirectories(journal.getParent());
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < attempts; i++) {
            lines.append("{\"type\":\"attempt\",\"time\":\"")
                    .append(time)
                    .append("\",\"email\":\"r")
                    .append(i)
                    .append("@example.org\",\"messageId\":\"<")
                    .append(i)
                    .append(">\",\"attempt\":1}\n");
            lines.append("{\"type\":\"result\",\"time\":\"")
                    .append(time)
                    .append("\",\"email\":\"r")
                    .append(i)
                    .append("@example.org\",\"outcome\":\"accepted\",\"code\":250}\n");
        }
        Files.writeString(journal, lines);
    }
}
