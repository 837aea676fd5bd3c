package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.JournalUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's file under attack: deleted, replaced, not UTF-8; its lock taken twice. */
class DeliveryJournalTest {
    private static final DeliveryResult OK = DeliveryResult.ofReply(250, "250 ok");

    @TempDir
    Path dir;

    /** A second passes between any two readings: the journal looks at its file before every attempt. */
    private final Clock clock = new Clock() {
        private final AtomicLong seconds = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.parse("2026-11-02T10:00:00Z").plusSeconds(seconds.getAndIncrement());
        }
    };

    @Test
    void anAttemptAfterVarWasDeletedThrowsAndTheJournalIsWrittenBack() throws IOException {
        Path file = dir.resolve("var/deliveries/2024-fall/list.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, dir.resolve(".newsletter.lock"), clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            journal.result("a@example.org", "<1@x>", 1, OK, 3);
            deleteTree(dir.resolve("var"));

            assertThat(journal.inPlace()).isFalse();
            assertThatThrownBy(() -> journal.attempt("b@example.org", "<2@x>", 1))
                    .isInstanceOf(JournalUnavailableException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("deleted or replaced");
            assertThat(journal.putBackIfGone()).hasValue(file);
        }

        JournalState state = JournalState.read(file);
        assertThat(state.isDone("a@example.org")).isTrue();
        assertThat(state.recipient("b@example.org")).isEmpty();
    }

    @Test
    void aJournalReplacedByAnotherFileIsNotWrittenOver() throws IOException {
        Path file = dir.resolve("list.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            Files.delete(file);
            Files.writeString(file, "someone else's\n");

            assertThatThrownBy(() -> journal.attempt("b@example.org", "<2@x>", 1))
                    .isInstanceOf(JournalUnavailableException.class);
            assertThat(journal.putBackIfGone()).isEmpty();
        }
        assertThat(Files.readString(file)).isEqualTo("someone else's\n");
    }

    @Test
    void aSecondThreadCannotTakeTheJournalEvenAfterItsFolderWasDeleted() throws Exception {
        Path file = dir.resolve("var/deliveries/2024-fall/list.jsonl");
        Path lock = dir.resolve(".newsletter.lock");
        try (DeliveryJournal journal = DeliveryJournal.open(file, lock, clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            deleteTree(dir.resolve("var"));

            CompletableFuture<DeliveryJournal> second =
                    CompletableFuture.supplyAsync(() -> DeliveryJournal.open(file, lock, clock));

            assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(JournalLockedException.class);
        }
        try (DeliveryJournal again = DeliveryJournal.open(file, lock, clock)) {
            assertThat(again.file()).isEqualTo(file);
        }
    }

    @Test
    void theProjectLockFileTakesOneByteOfItsOwnPerJournal() {
        assertThat(SendLock.offset("deliveries/2024-fall/a.jsonl"))
                .isNotEqualTo(SendLock.offset("deliveries/2024-fall/b.jsonl"))
                .isBetween(0L, 0x3FFF_FFFF_FFFF_FFFFL);
        Path lock = dir.resolve(".newsletter.lock");
        try (DeliveryJournal a = DeliveryJournal.open(dir.resolve("var/a.jsonl"), lock, clock);
                DeliveryJournal b = DeliveryJournal.open(dir.resolve("var/b.jsonl"), lock, clock)) {
            assertThat(a.file()).isNotEqualTo(b.file());
        }
    }

    @Test
    void aLineThatIsNotUtf8IsSkippedLikeATornLineAndTheLinesAfterItStillCount() throws IOException {
        Path file = dir.resolve("list.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            journal.result("a@example.org", "<1@x>", 1, OK, 3);
        }
        Files.write(
                file, new byte[] {'{', '"', 'e', (byte) 0xFF, (byte) 0xC3, '"', '}', '\n'}, StandardOpenOption.APPEND);
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("zoë@example.org", "<2@x>", 1);
            journal.result("zoë@example.org", "<2@x>", 1, OK, 3);
        }

        JournalState state = JournalState.read(file);
        DeliveryReport report = DeliveryReport.of(file);

        assertThat(state.tornLines()).isEqualTo(1);
        assertThat(state.isDone("a@example.org")).isTrue();
        assertThat(state.isDone("zoë@example.org")).isTrue();
        assertThat(report.tornLines()).isEqualTo(1);
        assertThat(report.count("accepted")).isEqualTo(2);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).contains("zo");
    }

    @Test
    void linesLongerThanTheReadBufferAndNonAsciiLinesReadWhole() {
        Path file = dir.resolve("list.jsonl");
        String longReply = "250 " + "é".repeat(100_000);
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            for (int i = 0; i < 3; i++) {
                String email = "r" + i + "@example.org";
                journal.attempt(email, "<" + i + "@x>", 1);
                journal.result(email, "<" + i + "@x>", 1, DeliveryResult.ofReply(250, longReply), 3);
            }
        }

        DeliveryReport report = DeliveryReport.of(file);

        assertThat(report.tornLines()).isZero();
        assertThat(report.count("accepted")).isEqualTo(3);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
