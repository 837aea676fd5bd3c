package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code inbox scan --apply} does with each kind of line, once per message. */
class InboxApplyTest {
    private static final Instant NOW = Instant.parse("2024-11-20T09:00:00Z");

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private Set<String> onLists = Set.of("ana.lima@example.org", "zoe.mueller@example.org");
    private boolean failing;
    private String current;
    private Path processedFile;
    private Path bouncesFile;

    /** Records each change; also checks the message is not yet marked processed when its change is made. */
    private final ListChanges lists = new ListChanges() {
        @Override
        public Done withdraw(String address, Status status, String reason) {
            return change("withdraw " + address + " " + status.label() + " " + reason, address);
        }

        @Override
        public Done suppress(String address, String reason) {
            return change("suppress " + address + " " + reason, address);
        }

        @Override
        public Done unsubscribe(String list, String address) {
            return change("unsubscribe " + list + " " + address, address);
        }

        private Done change(String call, String address) {
            if (failing) {
                throw InvalidInputException.of(Problem.inFile(Path.of("pdl-packet.csv"), "line 3: bad row"));
            }
            assertThat(processedText())
                    .as("the record is written after the change")
                    .doesNotContain("\"key\":\"" + current + "\"");
            calls.add(call);
            boolean on = onLists.contains(address.toLowerCase(java.util.Locale.ROOT));
            return new Done(on, on, on ? "done" : "on no list");
        }
    };

    @BeforeEach
    void files() {
        processedFile = dir.resolve("var/inbox/processed.jsonl");
        bouncesFile = dir.resolve("var/bounces.jsonl");
    }

    private InboxApply.Applied applied(Instant now, String key, List<ScanLine> lines) {
        current = key;
        return apply(now).apply(key, "m1", lines);
    }

    private InboxApply apply(Instant now) {
        return new InboxApply(
                lists,
                ProcessedMessages.open(processedFile),
                new SoftBounces(bouncesFile, 3, Duration.ofDays(30)),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ScanLine line(Kind kind, String recipient, String issue, String list) {
        return new ScanLine("m1", kind, recipient, null, null, null, issue, list, kind.action(), null);
    }

    private String processedText() {
        try {
            return Files.exists(processedFile) ? Files.readString(processedFile) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachKindDoesWhatTheIssueSays() {
        InboxApply.Applied applied = applied(
                NOW,
                "<a@mx>",
                List.of(
                        line(Kind.HARD_BOUNCE, "ana.lima@example.org", "2024-fall", "pdl-packet"),
                        line(Kind.COMPLAINT, "zoe.mueller@example.org", null, null),
                        line(Kind.UNSUBSCRIBE, "priya.raman@example.org", null, "pdl-packet"),
                        line(Kind.AUTO_REPLY, "ana.lima@example.org", null, null),
                        line(Kind.OTHER, null, null, null),
                        line(Kind.HARD_BOUNCE, "nobody@example.org", null, null)));

        assertThat(calls)
                .containsExactly(
                        "withdraw ana.lima@example.org bounced hard-bounce",
                        "withdraw zoe.mueller@example.org complained complaint",
                        "unsubscribe pdl-packet priya.raman@example.org",
                        "withdraw nobody@example.org bounced hard-bounce");
        assertThat(applied.lines())
                .extracting(ScanLine::action)
                .containsExactly("suppress", "suppress", "unsubscribe", "none", "none", "none");
        assertThat(applied.lines().get(5).result()).isEqualTo("on no list");
        assertThat(applied.failed()).isFalse();
        assertThat(processedText()).contains("\"key\":\"<a@mx>\"").contains("\"action\":\"suppress\"");
    }

    @Test
    void aMessageAlreadyProcessedChangesNothing() {
        List<ScanLine> lines = List.of(line(Kind.HARD_BOUNCE, "ana.lima@example.org", "2024-fall", "pdl-packet"));
        applied(NOW, "<a@mx>", lines);
        String recorded = processedText();
        calls.clear();

        InboxApply.Applied again = applied(NOW, "<a@mx>", lines);

        assertThat(calls).isEmpty();
        assertThat(again.alreadyProcessed()).isTrue();
        assertThat(again.lines()).extracting(ScanLine::action).containsExactly("none");
        assertThat(again.lines()).extracting(ScanLine::result).containsExactly("already processed");
        assertThat(processedText()).isEqualTo(recorded);
    }

    @Test
    void aMessageWhoseChangeFailedIsNotRecordedAndIsTriedAgain() {
        List<ScanLine> lines = List.of(line(Kind.HARD_BOUNCE, "ana.lima@example.org", "2024-fall", "pdl-packet"));
        failing = true;
        InboxApply.Applied failed = applied(NOW, "<a@mx>", lines);

        assertThat(failed.failed()).isTrue();
        assertThat(failed.lines().get(0).result()).startsWith("failed: ");
        assertThat(processedText()).isEmpty();

        failing = false;
        InboxApply.Applied retried = applied(NOW, "<a@mx>", lines);
        assertThat(retried.lines()).extracting(ScanLine::action).containsExactly("suppress");
        assertThat(calls).containsExactly("withdraw ana.lima@example.org bounced hard-bounce");
    }

    @Test
    void aProcessedRecordThatCannotBeWrittenFailsOnlyThatMessageWhichIsTriedAgain() throws IOException {
        // var/inbox cannot be made (a full disk or a read-only var/ fails the same way): the change is made
        Files.createDirectories(processedFile.getParent().getParent());
        Files.writeString(processedFile.getParent(), "not a folder");
        List<ScanLine> lines = List.of(line(Kind.HARD_BOUNCE, "ana.lima@example.org", "2024-fall", "pdl-packet"));

        InboxApply.Applied failed = applied(NOW, "<a@mx>", lines);

        assertThat(failed.failed()).isTrue();
        assertThat(failed.lines().get(0).action()).isEqualTo("suppress");
        assertThat(failed.lines().get(0).result())
                .contains("not recorded as processed")
                .contains("cannot write");
        assertThat(calls).containsExactly("withdraw ana.lima@example.org bounced hard-bounce");

        Files.delete(processedFile.getParent());
        InboxApply.Applied retried = applied(NOW, "<a@mx>", lines);
        assertThat(retried.failed()).isFalse();
        assertThat(processedText()).contains("\"key\":\"<a@mx>\"");
    }

    @Test
    void softBouncesFromDistinctIssuesWithinTheWindowSuppressAtTheLimit() {
        String ana = "ana.lima@example.org";
        assertThat(soft("m1", "Ana.Lima@Example.org", "2024-spring", NOW.minus(Duration.ofDays(60))))
                .as("outside the window")
                .isEqualTo("count");
        assertThat(soft("m2", ana, "2024-summer", NOW.minus(Duration.ofDays(20))))
                .isEqualTo("count");
        assertThat(soft("m3", ana, "2024-summer", NOW.minus(Duration.ofDays(19))))
                .as("the same issue again")
                .isEqualTo("count");
        assertThat(soft("m4", ana, null, NOW.minus(Duration.ofDays(18))))
                .as("an unknown issue is not counted")
                .isEqualTo("count");
        assertThat(soft("m5", ana, "2024-winter", NOW.minus(Duration.ofDays(10))))
                .isEqualTo("count");
        assertThat(calls).isEmpty();

        assertThat(soft("m6", "ANA.LIMA@example.org", "2024-fall", NOW)).isEqualTo("suppress");
        assertThat(calls).containsExactly("suppress ANA.LIMA@example.org soft-bounces");
        assertThat(bouncesFile).content().hasLineCount(6);
    }

    @Test
    void aSoftBounceAppliedAgainAfterACrashIsRecordedOnce() throws IOException {
        soft("m1", "ana.lima@example.org", "2024-fall", NOW);
        // as if the run died after the soft bounce record and before the processed record
        Files.delete(processedFile);

        assertThat(soft("m1", "ana.lima@example.org", "2024-fall", NOW)).isEqualTo("count");

        assertThat(bouncesFile).content().hasLineCount(1);
        assertThat(processedText().lines()).hasSize(1);
    }

    @Test
    void softBouncesForAnAddressOnNoListAreRecordedOnly() {
        onLists = Set.of();
        soft("m1", "gone@example.org", "2024-spring", NOW);
        soft("m2", "gone@example.org", "2024-summer", NOW);

        assertThat(soft("m3", "gone@example.org", "2024-fall", NOW)).isEqualTo("count");
        assertThat(calls).containsExactly("suppress gone@example.org soft-bounces");
        assertThat(bouncesFile).content().hasLineCount(3);
    }

    @Test
    void aTornLastRecordIsSkippedAndEnded() throws IOException {
        Files.createDirectories(processedFile.getParent());
        Files.writeString(processedFile, "{\"key\":\"<old@mx>\"}\n{\"key\":\"<torn@m");
        InboxApply apply = apply(NOW);

        assertThat(apply.apply("<old@mx>", "m0", List.of(line(Kind.OTHER, null, null, null)))
                        .alreadyProcessed())
                .isTrue();
        apply.apply("<new@mx>", "m1", List.of(line(Kind.OTHER, null, null, null)));

        assertThat(processedText().lines().toList()).hasSize(3);
        assertThat(ProcessedMessages.open(processedFile).contains("<new@mx>")).isTrue();
        assertThat(ProcessedMessages.open(processedFile).contains("<torn@m")).isFalse();
    }

    @Test
    void aRecordTornInsideAMultiByteCharacterIsSkippedAndTheRestStillRead() throws IOException {
        // a crash mid-write can cut "é" (C3 A9) after its first byte; a hand-edited line may be Latin-1
        Files.createDirectories(processedFile.getParent());
        byte[] old = "{\"key\":\"<old@mx>\"}\n{\"key\":\"<latin@mx>\",\"source\":\"caf\u00e9\"}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] torn = "{\"key\":\"<torn@mx>\",\"source\":\"caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(processedFile, old);
        Files.write(processedFile, torn, java.nio.file.StandardOpenOption.APPEND);
        Files.write(processedFile, new byte[] {(byte) 0xC3}, java.nio.file.StandardOpenOption.APPEND);
        Files.createDirectories(bouncesFile.getParent());
        Files.write(bouncesFile, new byte[] {'{', '"', (byte) 0xC3});
        InboxApply apply = apply(NOW);

        assertThat(apply.apply("<old@mx>", "m0", List.of(line(Kind.OTHER, null, null, null)))
                        .alreadyProcessed())
                .isTrue();
        apply.apply("<new@mx>", "m1", List.of(line(Kind.SOFT_BOUNCE, "ana.lima@example.org", "2024-fall", null)));

        assertThat(ProcessedMessages.open(processedFile).contains("<new@mx>")).isTrue();
        assertThat(ProcessedMessages.open(processedFile).contains("<latin@mx>")).isTrue();
        assertThat(ProcessedMessages.open(processedFile).contains("<torn@mx>")).isFalse();
    }

    @Test
    void aHandEditedRecordWithFieldsOfTheWrongShapeIsSkipped() throws IOException {
        Files.createDirectories(processedFile.getParent());
        Files.writeString(processedFile, "{\"key\":{\"a\":1}}\n{\"key\":[\"<x@mx>\"]}\n{\"key\":\"<old@mx>\"}\n");
        Files.writeString(
                bouncesFile,
                "{\"address\":{},\"issue\":[1],\"at\":{}}\n"
                        + "{\"address\":\"ana.lima@example.org\",\"issue\":{},\"at\":\"2024-11-19T09:00:00Z\"}\n");
        InboxApply apply = apply(NOW);

        assertThat(apply.apply("<old@mx>", "m0", List.of(line(Kind.OTHER, null, null, null)))
                        .alreadyProcessed())
                .isTrue();
        assertThat(apply.apply(
                                "<new@mx>",
                                "m1",
                                List.of(line(Kind.SOFT_BOUNCE, "ana.lima@example.org", "2024-fall", null)))
                        .failed())
                .isFalse();
    }

    private String soft(String key, String recipient, String issue, Instant at) {
        ScanLine line = new ScanLine(key, Kind.SOFT_BOUNCE, recipient, "4.2.2", null, null, issue, null, "count", null);
        return applied(at, key, List.of(line)).lines().get(0).action();
    }
}
