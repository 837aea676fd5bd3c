package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscribersCommandTest {
    @TempDir
    Path dir;

    SubscribersProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = SubscribersProject.in(dir);
    }

    @Test
    void addAppendsToTheDefaultListAndPrintsWhatItDid() throws Exception {
        SubscribersProject.Result result = project.run(
                "add",
                "Sam.Okafor@EXAMPLE.org",
                "--name",
                "Sam Okafor",
                "--tag",
                "student",
                "--field",
                "affiliation=CMU");

        assertThat(result.code()).isZero();
        assertThat(result.out()).isEqualTo("added Sam.Okafor@example.org to pdl-packet.csv\n");
        assertThat(project.read(project.list))
                .isEqualTo(SubscribersProject.LIST
                        + "Sam.Okafor@example.org,Sam Okafor,active,2024-11-01T09:00:00Z,student,CMU\n");
    }

    @Test
    void addTakesSeveralTagsAndFieldsAndAPendingStatusButNoOtherStatus() throws Exception {
        SubscribersProject.Result pending = project.run(
                "add",
                "sam@example.org",
                "--tag",
                "student",
                "--tag",
                "alumni",
                "--field",
                "affiliation=CMU",
                "--status",
                "pending");
        SubscribersProject.Result unsubscribed = project.run("add", "kim@example.org", "--status", "unsubscribed");

        assertThat(pending.code()).isZero();
        assertThat(project.read(project.list))
                .endsWith("\nsam@example.org,,pending,2024-11-01T09:00:00Z,student;alumni,CMU\n");
        assertThat(unsubscribed.code()).isEqualTo(2);
        assertThat(unsubscribed.err())
                .isEqualTo("error: " + project.list + ": --status must be active or pending; use 'unsubscribe'"
                        + " to unsubscribe someone\n1 problem; nothing was sent or changed.\n");
    }

    @Test
    void addRefusesWithExitTwoAndSaysWhyNamingFileAndLine() throws Exception {
        SubscribersProject.Result duplicate = project.run("add", "ana.lima@Example.ORG");
        SubscribersProject.Result invalid = project.run("add", "ana.lima@@example.org");
        SubscribersProject.Result suppressed = project.run("add", "li.wei@example.org", "--list", "other", "--create");

        assertThat(duplicate.code()).isEqualTo(2);
        assertThat(duplicate.err())
                .contains("pdl-packet.csv:2: ana.lima@example.org is already on the list (status active)")
                .contains("1 problem; nothing was sent or changed.");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("pdl-packet.csv: 'ana.lima@@example.org' is not a valid email address");
        assertThat(suppressed.code()).isEqualTo(2);
        assertThat(suppressed.err()).contains("suppressed.csv:2: li.wei@example.org is on the suppression list");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
        assertThat(dir.resolve("subscribers/other.csv")).doesNotExist();
    }

    @Test
    void aSuppressedPersonIsNotAddedOrImportedBackInOtherCase() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,name,status\nLi.Wei@Example.org,Li Wei,active\n");

        SubscribersProject.Result add = project.run("add", "LI.WEI@example.org", "--force");
        SubscribersProject.Result imported = project.run("import", file.toString(), "--update");

        assertThat(add.code()).isEqualTo(2);
        assertThat(add.err())
                .contains("pdl-packet.csv:5: LI.WEI@example.org is already on the list as li.wei@example.org"
                        + " (status unsubscribed); use 'resubscribe'");
        assertThat(imported.code()).isZero();
        assertThat(imported.out())
                .contains("skipped: " + file + ":2: li.wei@example.org is on the suppression list; left as it is")
                .contains("  added                                 0\n");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    void addWarnsAboutALikelyTypoAsLintDoesAndStillAdds() throws Exception {
        SubscribersProject.Result typo = project.run("add", "bob@gmial.com");

        assertThat(typo.code()).isZero();
        assertThat(typo.err())
                .isEqualTo("warning: gmial.com looks like a typo of gmail.com (bob@gmial.com); added anyway\n");
        assertThat(typo.out()).isEqualTo("added bob@gmial.com to pdl-packet.csv\n");
        assertThat(project.read(project.list)).endsWith("\nbob@gmial.com,,active,2024-11-01T09:00:00Z,,\n");
    }

    @Test
    void addSaysWhyAnAddressIsNotValid() throws Exception {
        SubscribersProject.Result twoAts = project.run("add", "bob@@example.org");
        SubscribersProject.Result noDot = project.run("add", "bob@example");

        assertThat(twoAts.code()).isEqualTo(2);
        assertThat(twoAts.err()).contains("'bob@@example.org' is not a valid email address: it has two '@'");
        assertThat(noDot.code()).isEqualTo(2);
        assertThat(noDot.err())
                .contains("'bob@example' is not a valid email address: the domain 'example' has no dot; it needs"
                        + " one, as in example.org");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
    }

    @Test
    void worksOnTheListNamedByListAndRefusesABadListName() throws Exception {
        SubscribersProject.Result created = project.run("add", "ann@example.org", "--list", "alumni", "--create");
        SubscribersProject.Result traversal = project.run("add", "ann@example.org", "--list", "../config/x");

        assertThat(created.code()).isZero();
        assertThat(project.read(dir.resolve("subscribers/alumni.csv")))
                .isEqualTo("email,name,status,subscribed_at,tags\nann@example.org,,active,2024-11-01T09:00:00Z,\n");
        assertThat(traversal.code()).isEqualTo(2);
        assertThat(traversal.err()).contains("--list '../config/x' is not a list name");
    }

    @Test
    void unsubscribeAndResubscribe() throws Exception {
        SubscribersProject.Result unsubscribed =
                project.run("unsubscribe", "ana.lima@example.org", "--reason", "asked");

        assertThat(unsubscribed.code()).isZero();
        assertThat(project.read(project.list)).contains("ana.lima@example.org,Ana Lima,unsubscribed,");
        assertThat(project.read(project.suppressed))
                .isEqualTo(SubscribersProject.SUPPRESSED + "ana.lima@example.org,asked,2024-11-01T09:00:00Z\n");

        SubscribersProject.Result resubscribed = project.run("resubscribe", "ana.lima@example.org");
        assertThat(resubscribed.code()).isZero();
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);
        assertThat(project.read(project.suppressed)).isEqualTo(SubscribersProject.SUPPRESSED);
    }

    @Test
    void removeDropsTheRow() throws Exception {
        SubscribersProject.Result removed = project.run("remove", "zoe.mueller@example.org");

        assertThat(removed.code()).isZero();
        assertThat(removed.out()).isEqualTo("removed zoe.mueller@example.org (was on line 3)\n");
        assertThat(project.read(project.list)).doesNotContain("zoe.mueller");
        assertThat(project.run("remove", "zoe.mueller@example.org").code()).isEqualTo(2);
    }

    @Test
    void listFiltersAndFormats() {
        SubscribersProject.Result table = project.run("list", "--status", "active", "--tag", "industry");
        SubscribersProject.Result json = project.run("list", "--status", "pending", "--format", "json");

        assertThat(table.out())
                .contains("zoe.mueller@example.org")
                .contains("priya.raman@example.org")
                .doesNotContain("tomas.berg")
                .endsWith("2 subscribers\n");
        assertThat(json.out()).startsWith("[{\"email\":\"new.reader@example.org\"");
    }

    @Test
    void countByStatus() {
        SubscribersProject.Result count = project.run("count");

        assertThat(count.out()).isEqualTo("""
                        active                  3
                        unsubscribed            1
                        bounced                 1
                        pending                 1
                        complained              0
                        total                   6
                        3 would be sent to (active and not suppressed; 0 active but suppressed)
                        """);
    }

    @Test
    void lintExitsZeroOneOrTwo() throws Exception {
        assertThat(project.run("lint").code()).isZero();

        Files.writeString(project.list, SubscribersProject.LIST + "noreply@example.org,,active,,,\n");
        SubscribersProject.Result warnings = project.run("lint");
        assertThat(warnings.code()).isEqualTo(1);
        assertThat(warnings.out()).contains("pdl-packet.csv:8: warning: noreply@example.org is a role address");

        Files.writeString(project.list, SubscribersProject.LIST + "noreply@example.org,,active,,,\nbad,,,,,\n");
        SubscribersProject.Result errors = project.run("lint");
        assertThat(errors.code()).isEqualTo(2);
        assertThat(errors.out())
                .contains("pdl-packet.csv:9: error: 'bad' is not of the form name@domain")
                .endsWith("pdl-packet.csv: 8 rows, 1 error, 1 warning\n");
    }

    @Test
    void importIsAllOrNothingUnlessToldToSkipInvalidRows() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "\uFEFFEMAIL;Name\r\nsam@example.org;Sam\r\nbad;Bad\r\nana.lima@example.org;Ana\r\n");

        SubscribersProject.Result refused = project.run("import", file.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err())
                .contains("invalid: " + file + ":3: 'bad' is not of the form name@domain")
                .contains("1 invalid row; nothing was imported.");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);

        SubscribersProject.Result dryRun = project.run("import", file.toString(), "--skip-invalid", "--dry-run");
        assertThat(dryRun.code()).isEqualTo(1);
        assertThat(dryRun.out()).startsWith("dry run, nothing written: import of ");
        assertThat(project.read(project.list)).isEqualTo(SubscribersProject.LIST);

        SubscribersProject.Result imported = project.run("import", file.toString(), "--skip-invalid");
        assertThat(imported.code()).isEqualTo(1);
        assertThat(imported.out())
                .contains("  added                                 1\n")
                .contains("  unchanged                             1\n")
                .contains("  invalid                               1\n");
        assertThat(project.read(project.list))
                .isEqualTo(SubscribersProject.LIST + "sam@example.org,Sam,active,2024-11-01T09:00:00Z,,\n");
    }

    @Test
    void exportEscapesFormulas() throws Exception {
        project.run("add", "eve@example.org", "--name", "=cmd|' /C calc'!A0");

        SubscribersProject.Result export = project.run("export");

        assertThat(export.code()).isZero();
        assertThat(export.out()).contains("eve@example.org,'=cmd|' /C calc'!A0,active,");
    }

    @Test
    void exportWritesCsvWithAByteOrderMarkOrJsonFilteredByStatusAndTag() {
        SubscribersProject.Result csv = project.run("export", "--bom", "--status", "active", "--tag", "faculty");
        SubscribersProject.Result json = project.run("export", "--format", "json", "--status", "bounced");
        SubscribersProject.Result listed = project.run("list", "--format", "csv", "--tag", "sponsor");

        assertThat(csv.code()).isZero();
        assertThat(csv.out())
                .isEqualTo(
                        "\uFEFFemail,name,status,subscribed_at,tags,affiliation\n"
                                + "ana.lima@example.org,Ana Lima,active,2024-09-02T10:15:00Z,faculty,Carnegie Mellon University\n");
        assertThat(json.out())
                .startsWith("[{\"email\":\"tomas.berg@example.org\"")
                .doesNotContain("ana.lima");
        assertThat(listed.out())
                .isEqualTo("email,name,status,subscribed_at,tags,affiliation\n"
                        + "priya.raman@example.org,\"Priya Raman, PhD\",active,2024-09-05T14:05:00Z,industry;sponsor,"
                        + "Example Cloud Systems\n");
    }

    @Test
    void aMissingConfigOrListIsExitTwo() {
        SubscribersProject.Result noList = project.run("lint", "--list", "nope");

        assertThat(noList.code()).isEqualTo(2);
        assertThat(noList.out()).contains("nope.csv: error: no such file");
        assertThat(project.run("count", "--list", "nope").code()).isEqualTo(2);
        assertThat(project.run("frobnicate").code()).isEqualTo(2);
    }
}
