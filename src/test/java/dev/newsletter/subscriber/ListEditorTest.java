package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListEditorTest {
    /** A hand-edited list: BOM, CRLF, needless quotes, an extra column, no line ending at the end. */
    private static final String LIST = "\uFEFFEmail,Name,Status,Subscribed_At,Tags,Affiliation\r\n"
            + "\"ana.lima@example.org\",Ana Lima,active,2024-09-02T10:15:00Z,faculty,\"Carnegie Mellon\"\r\n"
            + "priya.raman@example.org,\"Priya Raman, PhD\",active,2024-09-05T14:05:00Z,industry;sponsor,X\r\n"
            + "\r\n"
            + "li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,alumni,\r\n"
            + "tomas.berg@example.org,Tomas Berg,bounced,2024-09-06T07:55:00Z,,";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00.123Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    Path list;
    Path suppressed;
    ListEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        Path folder = Files.createDirectories(project.resolve("subscribers"));
        list = folder.resolve("pdl-packet.csv");
        suppressed = folder.resolve("suppressed.csv");
        Files.writeString(list, LIST);
        Files.writeString(
                suppressed, "email,reason,suppressed_at\nli.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n");
        editor = ListEditor.of(list, suppressed, false, CLOCK, () -> {});
    }

    @Test
    void addAppendsOneRowInTheListsColumnOrderAndChangesNoOtherByte() throws Exception {
        ListEditor.Outcome outcome = editor.add(
                new NewSubscriber(
                        "Sam.Okafor@EXAMPLE.org",
                        "Sam Okafor",
                        null,
                        List.of("student", "a,b"),
                        Map.of("Affiliation", "=1+1")),
                false,
                false);

        assertThat(outcome.message()).isEqualTo("added Sam.Okafor@example.org to pdl-packet.csv");
        assertThat(read(list))
                .isEqualTo(LIST
                        + "\r\nSam.Okafor@example.org,Sam Okafor,active,2024-11-01T09:00:00Z,\"student;a,b\",=1+1\r\n");
    }

    @Test
    void addRefusesAnAddressAlreadyOnTheListComparingTheDomainWithoutCaseAndInAscii() throws Exception {
        assertThatThrownBy(() -> editor.add(subscriber("ana.lima@EXAMPLE.ORG"), true, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(list + ":2: ana.lima@example.org is already on the list (status active)");
        assertThatThrownBy(() -> editor.add(subscriber("li.wei@example.org"), true, false))
                .hasMessageContaining(
                        ":5: li.wei@example.org is already on the list (status unsubscribed); use" + " 'resubscribe'");
        assertUnchanged();
    }

    @Test
    void addRefusesACaseVariantOfTheLocalPartEvenWhenForced() throws Exception {
        assertThatThrownBy(() -> editor.add(subscriber("Ana.Lima@example.org"), true, false))
                .hasMessageContaining(list + ":2: Ana.Lima@example.org is already on the list as"
                        + " ana.lima@example.org (status active)");
        assertUnchanged();
    }

    @Test
    void addRefusesASuppressedAddressUnlessForced() throws Exception {
        Files.writeString(suppressed, "email,reason,suppressed_at\nsam@example.org,unsubscribed,\n");

        assertThatThrownBy(() -> editor.add(subscriber("sam@Example.org"), false, false))
                .hasMessage(suppressed + ":2: sam@example.org is on the suppression list, so it is not added; pass"
                        + " --force to add it anyway (it stays suppressed until 'resubscribe')");
        assertUnchanged();

        assertThat(editor.add(subscriber("sam@example.org"), true, false).message())
                .isEqualTo("added sam@example.org to pdl-packet.csv; it stays suppressed (suppressed.csv line 2)");
    }

    @Test
    void addRefusesInvalidInputAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> editor.add(subscriber("ann@@example.org"), false, false))
                .hasMessageStartingWith(list + ": 'ann@@example.org' is not a valid email address");
        assertThatThrownBy(() -> editor.add(
                        new NewSubscriber("ann@example.org", "Ann\r\nBcc: x@example.com", null, List.of(), Map.of()),
                        false,
                        false))
                .hasMessage(list + ": the name contains a line break");
        assertThatThrownBy(() -> editor.add(
                        new NewSubscriber("ann@example.org", "", null, List.of("a;b"), Map.of()), false, false))
                .hasMessageContaining("the tag 'a;b' must not be empty or contain ';'");
        assertThatThrownBy(() -> editor.add(
                        new NewSubscriber("ann@example.org", "", null, List.of(), Map.of("company", "X")),
                        false,
                        false))
                .hasMessageStartingWith(list + ":1: the list has no column 'company'");
        assertThatThrownBy(() -> editor.add(subscriber("jürgen@example.org"), false, false))
                .hasMessageContaining("the local part 'jürgen' is not ASCII");
        assertUnchanged();
        assertNoTempFiles();
    }

    @Test
    void refusesToChangeAListWithProblemsAndNamesThem() throws Exception {
        Files.writeString(list, LIST.replace("tomas.berg@example.org", "tomas.berg@"));

        assertThatThrownBy(() -> editor.add(subscriber("sam@example.org"), false, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(list + ":6: 'tomas.berg@' is not of the form name@domain")
                .hasMessageContaining("the list has problems, so it was not changed");
        assertNoTempFiles();
    }

    @Test
    void addCreatesAMissingListOnlyWhenAsked() throws Exception {
        Path other = list.resolveSibling("other.csv");
        ListEditor editor = ListEditor.of(other, suppressed, false, CLOCK, () -> {});

        assertThatThrownBy(() -> editor.add(subscriber("ann@example.org"), false, false))
                .hasMessage(other + ": no such list; pass --create to start a new one");
        assertThat(other).doesNotExist();

        editor.add(new NewSubscriber("ann@example.org", "Ann", null, List.of(), Map.of("Org", "CMU")), false, true);
        assertThat(read(other))
                .isEqualTo(
                        "email,name,status,subscribed_at,tags,org\nann@example.org,Ann,active,2024-11-01T09:00:00Z,,CMU\n");
    }

    @Test
    void removeDropsOnlyThatRow() throws Exception {
        editor.remove("priya.raman@example.org");

        assertThat(read(list))
                .isEqualTo(LIST.replace(
                        "priya.raman@example.org,\"Priya Raman, PhD\",active,2024-09-05T14:05:00Z,industry;sponsor,X\r\n",
                        ""));
        assertThatThrownBy(() -> editor.remove("nobody@example.org"))
                .hasMessage(list + ": nobody@example.org is not on the list");
    }

    @Test
    void unsubscribeChangesTheStatusCellAndAppendsToTheSuppressionList() throws Exception {
        ListEditor.Outcome outcome = editor.unsubscribe("ana.lima@example.org", "asked by email");

        assertThat(outcome.message())
                .isEqualTo("unsubscribed ana.lima@example.org (line 2) and added it to the suppression list");
        assertThat(read(list))
                .isEqualTo(LIST.replace(
                        "\"ana.lima@example.org\",Ana Lima,active,",
                        "\"ana.lima@example.org\",Ana Lima,unsubscribed,"));
        assertThat(read(suppressed))
                .isEqualTo("email,reason,suppressed_at\nli.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n"
                        + "ana.lima@example.org,asked by email,2024-11-01T09:00:00Z\n");
        assertThat(SuppressionList.load(suppressed)
                        .contains(dev.newsletter.address.EmailAddress.parse("ana.lima@example.org")))
                .isTrue();

        ListEditor.Outcome again = editor.unsubscribe("ana.lima@example.org", "again");
        assertThat(again.changed()).isFalse();
    }

    @Test
    void suppressWritesOnlyTheSuppressionListEvenWhenTheListHasProblems() throws Exception {
        String broken = LIST.replace("tomas.berg@example.org", "tomas.berg@");
        Files.writeString(list, broken);

        ListEditor.Outcome outcome = editor.suppress("ana.lima@example.org", "one-click");

        assertThat(outcome.changed()).isTrue();
        assertThat(read(list)).isEqualTo(broken);
        assertThat(read(suppressed))
                .isEqualTo("email,reason,suppressed_at\nli.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n"
                        + "ana.lima@example.org,one-click,2024-11-01T09:00:00Z\n");
        assertThat(editor.suppress("ana.lima@example.org", "again").changed()).isFalse();
        assertNoTempFiles();
    }

    @Test
    void unsubscribeSuppressesAnAddressNotOnTheListAndStartsTheSuppressionFile() throws Exception {
        Files.delete(suppressed);

        editor.unsubscribe("someone@example.org", "unsubscribed");

        assertUnchanged();
        assertThat(read(suppressed))
                .isEqualTo("email,reason,suppressed_at\nsomeone@example.org,unsubscribed,2024-11-01T09:00:00Z\n");
    }

    @Test
    void resubscribeMakesActiveAndLiftsTheSuppression() throws Exception {
        ListEditor.Outcome outcome = editor.resubscribe("li.wei@example.org", false);

        assertThat(outcome.message())
                .isEqualTo("resubscribed li.wei@example.org (line 5); removed it from the suppression list");
        assertThat(read(list)).isEqualTo(LIST.replace("Li Wei,unsubscribed,", "Li Wei,active,"));
        assertThat(read(suppressed)).isEqualTo("email,reason,suppressed_at\n");
    }

    @Test
    void resubscribeNeedsForceAfterABounceOrAComplaint() throws Exception {
        assertThatThrownBy(() -> editor.resubscribe("tomas.berg@example.org", false))
                .hasMessage(list + ":6: tomas.berg@example.org bounced; pass --force if you know the address works"
                        + " again");
        Files.writeString(suppressed, "email,reason,suppressed_at\nana.lima@example.org,spam complaint,\n");
        assertThatThrownBy(() -> editor.resubscribe("ana.lima@example.org", false))
                .hasMessageContaining(suppressed + ":2: ana.lima@example.org is suppressed for 'spam complaint'");
        assertUnchanged();

        editor.resubscribe("tomas.berg@example.org", true);
        assertThat(read(list)).endsWith("tomas.berg@example.org,Tomas Berg,active,2024-09-06T07:55:00Z,,");
    }

    @Test
    void threadsOfOneProcessTakeTurnsAndAllTheirAddsLand() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ListEditor.Outcome>> adds = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String email = "thread" + i + "@example.org";
                adds.add(pool.submit(() -> editor.add(subscriber(email), false, false)));
            }
            for (Future<ListEditor.Outcome> add : adds) {
                assertThat(add.get(1, TimeUnit.MINUTES).changed()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> emails = new ArrayList<>();
        SubscriberFile.of(list).forEach(s -> emails.add(s.email().toString()));
        assertThat(emails).hasSize(4 + threads).startsWith("ana.lima@example.org");
        assertThat(read(list)).startsWith(LIST);
    }

    @Test
    void deletesTempFilesAKilledWriterLeftAndKeepsPermissions() throws Exception {
        Path leftover = list.resolveSibling(".pdl-packet.csv.1234abcd.tmp");
        Files.writeString(leftover, "half a fi");
        Files.setPosixFilePermissions(list, PosixFilePermissions.fromString("rw-r-----"));

        editor.add(subscriber("sam@example.org"), false, false);

        assertThat(leftover).doesNotExist();
        assertNoTempFiles();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(list)))
                .isEqualTo("rw-r-----");
    }

    private static NewSubscriber subscriber(String email) {
        return new NewSubscriber(email, "", null, List.of(), Map.of());
    }

    private void assertUnchanged() throws Exception {
        assertThat(read(list)).isEqualTo(LIST);
    }

    private void assertNoTempFiles() throws Exception {
        try (Stream<Path> files = Files.list(list.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** The one-click endpoint edits through a ListEditor too; a list that is the suppression list is refused. */
    @Test
    void refusesToEditTheSuppressionListAsAList() throws Exception {
        Path suppressed = project.resolve("subscribers/suppressed.csv");
        Files.createDirectories(suppressed.getParent());
        Files.writeString(
                suppressed, "email,reason,suppressed_at\nli.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n");

        assertThatThrownBy(() -> ListEditor.of(suppressed, suppressed, false, CLOCK, () -> {})
                        .unsubscribe("li.wei@example.org", "one-click"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is the suppression list, not a subscriber list");
    }
}
