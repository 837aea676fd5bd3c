package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStateTest {
    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anAttemptWithoutResultIsInDoubtAndNotDone() {
        Path file = dir.resolve("j.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            journal.result("a@example.org", "<1@x>", 1, DeliveryResult.ofReply(250, "250 ok"), 3);
            journal.attempt("b@example.org", "<2@x>", 1);
        }
        JournalState state = JournalState.read(file);
        assertThat(state.isDone("a@example.org")).isTrue();
        assertThat(state.isInDoubt("b@example.org")).isTrue();
        assertThat(state.isDone("b@example.org")).isFalse();
        assertThat(state.inDoubt()).containsExactly("b@example.org");
        assertThat(state.recipient("a@example.org")).hasValue(new JournalState.Recipient(Outcome.ACCEPTED, 1, false));
    }

    @Test
    void anAddressSpeltInOtherCaseSinceTheLastRunIsTheSameRecipient() {
        Path file = dir.resolve("j.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("Li.Wei@example.org", "<1@x>", 1);
            journal.result("Li.Wei@example.org", "<1@x>", 1, DeliveryResult.ofReply(250, "250 ok"), 3);
            journal.attempt("Zoe@xn--bcher-kva.example", "<2@x>", 1);
        }
        JournalState state = JournalState.read(file);
        assertThat(state.isDone("li.wei@example.org")).isTrue();
        assertThat(state.isDone("LI.WEI@example.org")).isTrue();
        assertThat(state.isInDoubt("zoe@xn--bcher-kva.example")).isTrue();
        assertThat(state.inDoubt()).containsExactly("Zoe@xn--bcher-kva.example");
        state.result("ZOE@xn--bcher-kva.example", Outcome.ACCEPTED);
        assertThat(state.inDoubt()).isEmpty();
        assertThat(state.recipients()).isEqualTo(2);
    }

    @Test
    void deferredAndFailedAreNotDoneRejectedIs() {
        JournalState state = new JournalState();
        state.result("d@example.org", Outcome.DEFERRED);
        state.result("f@example.org", Outcome.FAILED);
        state.result("r@example.org", Outcome.REJECTED);
        assertThat(state.isDone("d@example.org")).isFalse();
        assertThat(state.isDone("f@example.org")).isFalse();
        assertThat(state.isDone("r@example.org")).isTrue();
        assertThat(state.count(Outcome.REJECTED)).isEqualTo(1);
    }

    @Test
    void aTornLastLineIsSkippedAndRepairedSoTheNextLineStandsAlone() throws IOException {
        Path file = dir.resolve("j.jsonl");
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            journal.result("a@example.org", "<1@x>", 1, DeliveryResult.ofReply(250, "250 ok"), 3);
        }
        Files.writeString(
                file, "{\"type\":\"attempt\",\"time\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            assertThat(journal.state().tornLines()).isEqualTo(1);
            journal.attempt("b@example.org", "<2@x>", 1);
        }
        JournalState state = JournalState.read(file);
        assertThat(state.tornLines()).isEqualTo(1);
        assertThat(state.isDone("a@example.org")).isTrue();
        assertThat(state.isInDoubt("b@example.org")).isTrue();
    }

    @Test
    void onlyOneProcessHoldsAJournal() {
        Path file = dir.resolve("j.jsonl");
        try (DeliveryJournal first = DeliveryJournal.open(file, clock)) {
            assertThat(first.file()).isEqualTo(file);
            assertThatThrownBy(() -> DeliveryJournal.open(file, clock)).isInstanceOf(JournalLockedException.class);
        }
        DeliveryJournal.open(file, clock).close();
    }

    @Test
    void theHistoryCountsAttemptsOfTheLastHour() {
        Path file = dir.resolve("j.jsonl");
        Clock earlier = Clock.offset(clock, java.time.Duration.ofMinutes(-90));
        try (DeliveryJournal journal = DeliveryJournal.open(file, earlier)) {
            journal.attempt("old@example.org", "<0@x>", 1);
        }
        Clock recent = Clock.offset(clock, java.time.Duration.ofMinutes(-10));
        try (DeliveryJournal journal = DeliveryJournal.open(file, recent)) {
            journal.attempt("a@example.org", "<1@x>", 1);
            journal.attempt("b@example.org", "<2@x>", 1);
        }
        try (DeliveryJournal journal = DeliveryJournal.open(file, clock)) {
            assertThat(journal.history().total()).isEqualTo(2);
        }
    }

    @Test
    void aMillionRecipientsFitInAFewTensOfMegabytes() {
        JournalState state = new JournalState();
        for (int i = 0; i < 1_000_000; i++) {
            String email = "subscriber" + i + "@example.org";
            state.attempt(email);
            state.result(email, Outcome.ACCEPTED);
        }
        assertThat(state.recipients()).isEqualTo(1_000_000);
        assertThat(state.isDone("subscriber999999@example.org")).isTrue();
        assertThat(state.isDone("subscriber1000000@example.org")).isFalse();
        // what the state retains, counted rather than guessed from the heap: the table's slots (2^21,
        // at most 60 % full, 10 bytes each), and no address as text once its result is in
        assertThat(state.tableBytes()).isEqualTo((1L << 21) * 10).isLessThan(25L * 1024 * 1024);
        assertThat(state.inDoubt()).isEmpty();
    }
}
