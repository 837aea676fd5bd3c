package dev.newsletter.journal;

import dev.newsletter.input.IoTrouble;
import dev.newsletter.mailing.SendHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The messages handed to the server in the hour before a send, by every journal under {@code
 * var/deliveries/}: the relay's hourly quota is shared by all issues and lists, and this lets it
 * survive a restart.
 */
public final class RecentSends {
    private RecentSends() {}

    /**
     * The sends in the hour before {@code journal} was opened: its own (read when it was opened) and
     * those of every other journal under {@code deliveries} written to in that hour.
     *
     * @throws UncheckedIOException when the folder cannot be listed or a journal cannot be read
     */
    public static SendHistory inLastHour(Path deliveries, DeliveryJournal journal) {
        SendHistory history = journal.history();
        if (!Files.isDirectory(deliveries)) {
            return history;
        }
        Instant since = history.end().minus(Duration.ofHours(1));
        Path own = journal.file().toAbsolutePath();
        try {
            for (Path other : journals(deliveries)) {
                if (other.toAbsolutePath().equals(own)
                        || Files.getLastModifiedTime(other).toInstant().isBefore(since)) {
                    continue;
                }
                JournalReader.forEach(other, () -> {}, line -> {
                    if (line.type().equals("attempt")) {
                        history.add(line.time());
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot read the journals in " + deliveries, e), e);
        }
        return history;
    }

    /** The journals in {@code deliveries}: {@code <issue>/<list>.jsonl}. */
    private static List<Path> journals(Path deliveries) throws IOException {
        try (Stream<Path> files = Files.walk(deliveries, 2)) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).toList();
        }
    }
}
