package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command matches addresses by one key ({@link EmailAddress#key()}): the local part without
 * regard to case, the domain without case and in ASCII form. A suppressed person stays suppressed
 * however an address is spelt (issue 11, item 1).
 */
class AddressMatchingTest {
    private static final String HEADER = "email,name,status,subscribed_at,tags\n";
    private static final String LIST = HEADER
            + "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,\n"
            + "li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,\n"
            + "jo@bücher.example,Jo,active,,\n";
    private static final String SUPPRESSED = "email,reason,suppressed_at\n"
            + "li.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n"
            + "Kim@XN--BCHER-KVA.example,hard bounce,2024-10-16T00:00:00Z\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Path list;
    Path suppressed;
    ListEditor editor;
    final List<String> skipped = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        list = dir.resolve("list.csv");
        suppressed = dir.resolve("suppressed.csv");
        Files.writeString(list, LIST);
        Files.writeString(suppressed, SUPPRESSED);
        editor = ListEditor.of(list, suppressed, true, CLOCK, () -> {});
    }

    @Test
    void theSuppressionListMatchesOtherCaseAndTheOtherIdnForm() {
        SuppressionList list = SuppressionList.load(suppressed);

        assertThat(list.lineOf(EmailAddress.parse("LI.WEI@Example.org"))).isEqualTo(2);
        assertThat(list.lineOf(EmailAddress.parse("kim@bücher.example"))).isEqualTo(3);
        assertThat(list.lineOf(EmailAddress.parse("KIM@BÜCHER.example"))).isEqualTo(3);
        assertThat(list.contains(EmailAddress.parse("li.wei2@example.org"))).isFalse();
    }

    @Test
    void importSkipsAnActiveCaseVariantOfASuppressedAddress() throws Exception {
        Files.writeString(list, HEADER + "ana.lima@example.org,Ana Lima,active,,\n");
        Path source = dir.resolve("import.csv");
        Files.writeString(source, HEADER + "Li.Wei@Example.org,Li Wei,active,,\nkim@bücher.example,Kim,active,,\n");

        ListImport.Report report =
                editor.importer().run(source, new ListImport.Options(false, false, false, false), listener());

        assertThat(report.added()).isZero();
        assertThat(report.suppressed()).isEqualTo(2);
        assertThat(skipped)
                .containsExactly(
                        source + ":2: Li.Wei@example.org is on the suppression list; not added",
                        source + ":3: kim@xn--bcher-kva.example is on the suppression list; not added");
        assertThat(read(list)).isEqualTo(HEADER + "ana.lima@example.org,Ana Lima,active,,\n");
    }

    @Test
    void importFindsTheListsRowInOtherCaseAndLeavesItsSpelling() throws Exception {
        Path source = dir.resolve("import.csv");
        Files.writeString(
                source, HEADER + "ANA.LIMA@example.org,Ana L.,active,,x\nJO@XN--BCHER-KVA.example,,active,,\n");

        ListImport.Report report =
                editor.importer().run(source, new ListImport.Options(false, false, true, false), listener());

        assertThat(report.added()).isZero();
        assertThat(report.updated()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(read(list))
                .isEqualTo(LIST.replace(
                        "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,\n",
                        "ana.lima@example.org,Ana L.,active,2024-09-02T10:15:00Z,x\n"));
    }

    @Test
    void importCountsCaseVariantsWithinTheFileAsDuplicates() throws Exception {
        Path source = dir.resolve("import.csv");
        Files.writeString(source, HEADER + "sam@example.org,Sam,active,,\nSAM@EXAMPLE.ORG,Sam,active,,\n");

        ListImport.Report report =
                editor.importer().run(source, new ListImport.Options(false, false, false, false), listener());

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(skipped)
                .containsExactly(
                        source + ":3: SAM@example.org is already on line 2 of this file; the first one counts");
    }

    @Test
    void addRefusesACaseVariantAsAlreadyOnTheListEvenWithForce() throws Exception {
        assertThatThrownBy(() -> editor.add(subscriber("Ana.Lima@Example.org"), true, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(list + ":2: Ana.Lima@example.org is already on the list as ana.lima@example.org"
                        + " (status active)");
        assertThatThrownBy(() -> editor.add(subscriber("JO@xn--bcher-kva.example"), true, false))
                .hasMessageContaining(
                        list + ":4: JO@xn--bcher-kva.example is already on the list as" + " jo@xn--bcher-kva.example");
        assertThat(read(list)).isEqualTo(LIST);
    }

    @Test
    void addRefusesACaseVariantOfASuppressedAddress() throws Exception {
        assertThatThrownBy(() -> editor.add(subscriber("KIM@bücher.example"), false, false))
                .hasMessageStartingWith(suppressed + ":3: KIM@xn--bcher-kva.example is on the suppression list");
        assertThat(read(list)).isEqualTo(LIST);
    }

    @Test
    void removeUnsubscribeAndResubscribeFindTheRowInOtherCase() throws Exception {
        assertThat(editor.unsubscribe("ANA.LIMA@EXAMPLE.ORG", "asked").message())
                .isEqualTo("unsubscribed ANA.LIMA@example.org (line 2) and added it to the suppression list");
        assertThat(read(list)).contains("\nana.lima@example.org,Ana Lima,unsubscribed,");
        assertThat(read(suppressed)).isEqualTo(SUPPRESSED + "ANA.LIMA@example.org,asked,2024-11-01T09:00:00Z\n");

        assertThat(editor.unsubscribe("Ana.Lima@example.org", "again").changed())
                .isFalse();
        assertThat(read(suppressed)).isEqualTo(SUPPRESSED + "ANA.LIMA@example.org,asked,2024-11-01T09:00:00Z\n");

        editor.resubscribe("ana.lima@example.org", false);
        assertThat(read(list)).isEqualTo(LIST);
        assertThat(read(suppressed)).isEqualTo(SUPPRESSED);

        editor.resubscribe("Li.Wei@EXAMPLE.org", false);
        assertThat(read(suppressed)).doesNotContain("li.wei");

        assertThat(editor.remove("jo@XN--BCHER-KVA.EXAMPLE").message())
                .isEqualTo("removed jo@xn--bcher-kva.example (was on line 4)");
        assertThat(read(list)).doesNotContain("jo@");
    }

    @Test
    void aListWithTheSameAddressInOtherCaseIsRefusedAsADuplicate() throws Exception {
        Files.writeString(list, LIST + "Ana.Lima@example.org,Ana,active,,\n");

        assertThatThrownBy(() -> SubscriberFile.of(list, true).validate())
                .hasMessageContaining(list + ":5: duplicate address Ana.Lima@example.org, already on line 2");
        List<String> lint = new ArrayList<>();
        ListLint.of(list, suppressed, true, CLOCK)
                .run(f -> lint.add(f.severity().label() + " " + f.problem()));
        assertThat(lint)
                .contains(
                        "error " + list + ":5: duplicate address Ana.Lima@example.org, already on line 2"
                                + " (addresses match without regard to upper and lower case, domains also in their ASCII form)");
    }

    @Test
    void lintAndTheSendLeaveOutAnActiveCaseVariantOfASuppressedAddress() throws Exception {
        Files.writeString(list, HEADER + "ana.lima@example.org,Ana,active,,\nLi.Wei@Example.org,Li,active,,\n");
        List<String> lint = new ArrayList<>();
        ListLint.of(list, suppressed, true, CLOCK).run(f -> lint.add(f.problem().toString()));
        List<String> recipients = new ArrayList<>();

        SubscriberFile.of(list, true)
                .forEachRecipient(
                        SuppressionList.load(suppressed),
                        s -> recipients.add(s.email().toString()));

        assertThat(recipients).containsExactly("ana.lima@example.org");
        assertThat(lint)
                .contains(list + ":3: Li.Wei@example.org is active here but on the suppression list (line 2),"
                        + " which wins: it is not sent to");
    }

    private ListImport.Listener listener() {
        return new ListImport.Listener() {
            @Override
            public void invalid(Problem problem) {
                skipped.add("invalid " + problem);
            }

            @Override
            public void skipped(Problem reason) {
                skipped.add(reason.toString());
            }
        };
    }

    private static NewSubscriber subscriber(String email) {
        return new NewSubscriber(email, "", Status.ACTIVE, List.of(), Map.of());
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
