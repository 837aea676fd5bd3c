package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListImportTest {
    private static final String LIST = "email,name,status,subscribed_at,tags,affiliation\n"
            + "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,faculty,\"Carnegie Mellon\"\n"
            + "li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,alumni,\n"
            + "tomas.berg@example.org,Tomas Berg,bounced,2024-09-06T07:55:00Z,,\n"
            + "new.reader@example.org,Jordan Reyes,pending,,,\n";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    Path list;
    Path suppressed;
    Path source;
    final List<String> invalid = new ArrayList<>();
    final List<String> skipped = new ArrayList<>();
    final ListImport.Listener listener = new ListImport.Listener() {
        @Override
        public void invalid(Problem problem) {
            invalid.add(problem.toString());
        }

        @Override
        public void skipped(Problem reason) {
            skipped.add(reason.toString());
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        Path folder = Files.createDirectories(project.resolve("subscribers"));
        list = folder.resolve("pdl-packet.csv");
        suppressed = folder.resolve("suppressed.csv");
        source = project.resolve("export.csv");
        Files.writeString(list, LIST);
        Files.writeString(suppressed, "email,reason,suppressed_at\nblocked@example.org,hard bounce,\n");
    }

    @Test
    void importsASpreadsheetExportInTheListsColumnOrder() throws Exception {
        write("\uFEFFAffiliation;E-Mail Address;NAME\r\n"
                + "\"Example; Inc.\";sam@EXAMPLE.org;\"Okafor, Sam\"\r\n"
                + "\"Two\r\nlines\";zoe@example.org;Zoë Müller\r\n");

        ListImport.Report report = run(options(false, false, false));

        assertThat(report).isEqualTo(new ListImport.Report(2, 0, 0, 0, 0, 0, true));
        assertThat(read(list))
                .isEqualTo(LIST
                        + "sam@example.org,\"Okafor, Sam\",active,2024-11-01T09:00:00Z,,Example; Inc.\n"
                        + "zoe@example.org,Zoë Müller,active,2024-11-01T09:00:00Z,,\"Two\r\nlines\"\n");
    }

    @Test
    void refusesTheWholeFileWhenAnyRowIsInvalidAndReportsEveryOne() throws Exception {
        write("email,name,status,subscribed_at\n"
                + "ok@example.org,Ok,active,\n"
                + "not-an-address,Bad,active,\n"
                + "x@example.org,X,maybe,yesterday\n"
                + "y@example.org,Y\n");

        ListImport.Report report = run(options(false, false, false));

        assertThat(report.written()).isFalse();
        assertThat(report.invalid()).isEqualTo(3);
        assertThat(read(list)).isEqualTo(LIST);
        assertThat(invalid)
                .containsExactly(
                        source + ":3: 'not-an-address' is not of the form name@domain",
                        source
                                + ":4: unknown status 'maybe' (use one of [active, unsubscribed, bounced, pending, complained])",
                        source + ":4: subscribed_at 'yesterday' is not a date; use ISO 8601, such as"
                                + " 2024-09-02T10:15:00Z or 2024-09-02",
                        source + ":5: expected 4 fields as in the header, found 2");
    }

    @Test
    void skipInvalidImportsTheRestAndCountsEveryRowOnce() throws Exception {
        write("email,name\n"
                + "ok@example.org,Ok\n"
                + "bad@,Bad\n"
                + "ok@Example.ORG,Again\n"
                + "blocked@example.org,Blocked\n"
                + "li.wei@example.org,Li\n"
                + "ana.lima@example.org,Ana\n");

        ListImport.Report report = run(options(false, true, false));

        assertThat(report).isEqualTo(new ListImport.Report(1, 0, 1, 1, 1, 2, true));
        assertThat(read(list)).isEqualTo(LIST + "ok@example.org,Ok,active,2024-11-01T09:00:00Z,,\n");
        assertThat(skipped)
                .containsExactly(
                        source + ":4: ok@example.org is already on line 2 of this file; the first one counts",
                        source + ":6: li.wei@example.org is unsubscribed on the list (line 3); left as it is",
                        source + ":5: blocked@example.org is on the suppression list; not added");
    }

    @Test
    void aDryRunReportsTheSameAndWritesNothing() throws Exception {
        write("email,name\nok@example.org,Ok\nana.lima@example.org,Ana\n");

        ListImport.Report dry = run(options(true, false, false));

        assertThat(dry).isEqualTo(new ListImport.Report(1, 0, 1, 0, 0, 0, false));
        assertThat(read(list)).isEqualTo(LIST);
        try (var files = Files.list(list.getParent())) {
            assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void updateChangesOnlyTheCellsTheFileGivesAndNeverResubscribes() throws Exception {
        write("email,name,status,subscribed_at,tags,affiliation\n"
                + "ana.lima@example.org,Ana Lima,active,2020-01-01,faculty;board,\n"
                + "li.wei@example.org,Li,active,,,\n"
                + "tomas.berg@example.org,,active,,,\n"
                + "new.reader@example.org,,active,2024-10-28,,CMU\n");

        ListImport.Report report = run(options(false, false, true));

        assertThat(report).isEqualTo(new ListImport.Report(0, 2, 0, 0, 0, 2, true));
        assertThat(read(list))
                .isEqualTo("email,name,status,subscribed_at,tags,affiliation\n"
                        + "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,faculty;board,\"Carnegie Mellon\"\n"
                        + "li.wei@example.org,Li Wei,unsubscribed,2024-09-04T11:20:00Z,alumni,\n"
                        + "tomas.berg@example.org,Tomas Berg,bounced,2024-09-06T07:55:00Z,,\n"
                        + "new.reader@example.org,Jordan Reyes,active,2024-10-28,,CMU\n");
    }

    @Test
    void withoutUpdateAnAddressOnTheListIsLeftAlone() throws Exception {
        write("email,name\nana.lima@example.org,Someone Else\n");

        assertThat(run(options(false, false, false))).isEqualTo(new ListImport.Report(0, 0, 1, 0, 0, 0, false));
        assertThat(read(list)).isEqualTo(LIST);
    }

    @Test
    void refusesColumnsTheListDoesNotHave() throws Exception {
        write("email,company\nsam@example.org,X\n");

        assertThatThrownBy(() -> run(options(false, false, false)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(source + ":1: the list pdl-packet.csv has no column company");
        assertThat(read(list)).isEqualTo(LIST);
    }

    @Test
    void refusesAListWithProblems() throws Exception {
        Files.writeString(list, LIST + "ana.lima@Example.org,Dup,active,,,\n");
        write("email\nsam@example.org\n");

        assertThatThrownBy(() -> run(options(false, false, false)))
                .hasMessageContaining(list + ":6: duplicate address ana.lima@example.org, already on line 2");
    }

    @Test
    void refusesAListWithADuplicateOfAnAddressTheFileHasToo() throws Exception {
        Files.writeString(list, LIST + "ana.lima@Example.org,Dup,active,,,\n");
        write("email\nana.lima@example.org\nsam@example.org\n");

        assertThatThrownBy(() -> run(options(false, false, true)))
                .hasMessageContaining(list + ":6: duplicate address ana.lima@example.org, already on line 2");
        assertThat(read(list)).isEqualTo(LIST + "ana.lima@Example.org,Dup,active,,,\n");
    }

    @Test
    void startsAMissingListOnlyWhenAsked() throws Exception {
        Files.delete(list);
        write("Email,Organisation\nsam@example.org,CMU\n");

        assertThatThrownBy(() -> run(options(false, false, false))).hasMessageContaining("no such list");

        ListImport.Report report = run(new ListImport.Options(false, false, false, true));
        assertThat(report.added()).isEqualTo(1);
        assertThat(read(list))
                .isEqualTo("email,name,status,subscribed_at,tags,organisation\n"
                        + "sam@example.org,,active,2024-11-01T09:00:00Z,,CMU\n");
    }

    private ListImport.Report run(ListImport.Options options) {
        return ListEditor.of(list, suppressed, false, CLOCK, () -> {})
                .importer()
                .run(source, options, listener);
    }

    private static ListImport.Options options(boolean dryRun, boolean skipInvalid, boolean update) {
        return new ListImport.Options(dryRun, skipInvalid, update, false);
    }

    private void write(String text) throws Exception {
        Files.writeString(source, text);
    }

    private static String read(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
