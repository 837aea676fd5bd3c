package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscribersCommandTest {
    @TempDir
    Path dir;

    SampleProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = SubscriberFiles.inSampleProject(dir);
    }

    @Test
    void addAppendsToTheDefaultListAndPrintsWhatItDid() throws Exception {
        SampleProject.Run result = project.run(
                "subscribers",
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
        assertThat(project.read(project.listFile()))
                .isEqualTo(SubscriberFiles.LIST
                        + "Sam.Okafor@example.org,Sam Okafor,active,2024-11-01T09:00:00Z,student,CMU\n");
    }

    @Test
    void addTakesSeveralTagsAndFieldsAndAPendingStatusButNoOtherStatus() throws Exception {
        SampleProject.Run pending = project.run(
                "subscribers",
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
        SampleProject.Run unsubscribed =
                project.run("subscribers", "add", "kim@example.org", "--status", "unsubscribed");

        assertThat(pending.code()).isZero();
        assertThat(project.read(project.listFile()))
                .endsWith("\nsam@example.org,,pending,2024-11-01T09:00:00Z,student;alumni,CMU\n");
        assertThat(unsubscribed.code()).isEqualTo(2);
        assertThat(unsubscribed.err())
                .isEqualTo("error: " + project.listFile() + ": --status must be active or pending; use 'unsubscribe'"
                        + " to unsubscribe someone\n1 problem; nothing was sent or changed.\n");
    }

    @Test
    void addRefusesWithExitTwoAndSaysWhyNamingFileAndLine() throws Exception {
        SampleProject.Run duplicate = project.run("subscribers", "add", "ana.lima@Example.ORG");
        SampleProject.Run invalid = project.run("subscribers", "add", "ana.lima@@example.org");
        SampleProject.Run suppressed =
                project.run("subscribers", "add", "li.wei@example.org", "--list", "other", "--create");

        assertThat(duplicate.code()).isEqualTo(2);
        assertThat(duplicate.err())
                .contains("pdl-packet.csv:2: ana.lima@example.org is already on the list (status active)")
                .contains("1 problem; nothing was sent or changed.");
        assertThat(invalid.code()).isEqualTo(2);
        assertThat(invalid.err()).contains("pdl-packet.csv: 'ana.lima@@example.org' is not a valid email address");
        assertThat(suppressed.code()).isEqualTo(2);
        assertThat(suppressed.err()).contains("suppressed.csv:2: li.wei@example.org is on the suppression list");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
        assertThat(dir.resolve("subscribers/other.csv")).doesNotExist();
    }

    @Test
    void aSuppressedPersonIsNotAddedOrImportedBackInOtherCase() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "email,name,status\nLi.Wei@Example.org,Li Wei,active\n");

        SampleProject.Run add = project.run("subscribers", "add", "LI.WEI@example.org", "--force");
        SampleProject.Run imported = project.run("subscribers", "import", file.toString(), "--update");

        assertThat(add.code()).isEqualTo(2);
        assertThat(add.err())
                .contains("pdl-packet.csv:5: LI.WEI@example.org is already on the list as li.wei@example.org"
                        + " (status unsubscribed); use 'resubscribe'");
        assertThat(imported.code()).isZero();
        assertThat(imported.out())
                .contains("skipped: " + file + ":2: li.wei@example.org is on the suppression list; left as it is")
                .contains("  added                                 0\n");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    void addWarnsAboutALikelyTypoAsLintDoesAndStillAdds() throws Exception {
        SampleProject.Run typo = project.run("subscribers", "add", "bob@gmial.com");

        assertThat(typo.code()).isZero();
        assertThat(typo.err())
                .isEqualTo("warning: gmial.com looks like a typo of gmail.com (bob@gmial.com); added anyway\n");
        assertThat(typo.out()).isEqualTo("added bob@gmial.com to pdl-packet.csv\n");
        assertThat(project.read(project.listFile())).endsWith("\nbob@gmial.com,,active,2024-11-01T09:00:00Z,,\n");
    }

    @Test
    void addSaysWhyAnAddressIsNotValid() throws Exception {
        SampleProject.Run twoAts = project.run("subscribers", "add", "bob@@example.org");
        SampleProject.Run noDot = project.run("subscribers", "add", "bob@example");

        assertThat(twoAts.code()).isEqualTo(2);
        assertThat(twoAts.err()).contains("'bob@@example.org' is not a valid email address: it has two '@'");
        assertThat(noDot.code()).isEqualTo(2);
        assertThat(noDot.err())
                .contains("'bob@example' is not a valid email address: the domain 'example' has no dot; it needs"
                        + " one, as in example.org");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
    }

    @Test
    void worksOnTheListNamedByListAndRefusesABadListName() throws Exception {
        SampleProject.Run created =
                project.run("subscribers", "add", "ann@example.org", "--list", "alumni", "--create");
        SampleProject.Run traversal = project.run("subscribers", "add", "ann@example.org", "--list", "../config/x");

        assertThat(created.code()).isZero();
        assertThat(project.read(dir.resolve("subscribers/alumni.csv")))
                .isEqualTo("email,name,status,subscribed_at,tags\nann@example.org,,active,2024-11-01T09:00:00Z,\n");
        assertThat(traversal.code()).isEqualTo(2);
        assertThat(traversal.err()).contains("--list '../config/x' is not a list name");
    }

    @Test
    void unsubscribeAndResubscribe() throws Exception {
        SampleProject.Run unsubscribed =
                project.run("subscribers", "unsubscribe", "ana.lima@example.org", "--reason", "asked");

        assertThat(unsubscribed.code()).isZero();
        assertThat(project.read(project.listFile())).contains("ana.lima@example.org,Ana Lima,unsubscribed,");
        assertThat(project.read(project.suppressedFile()))
                .isEqualTo(SubscriberFiles.SUPPRESSED + "ana.lima@example.org,asked,2024-11-01T09:00:00Z\n");

        SampleProject.Run resubscribed = project.run("subscribers", "resubscribe", "ana.lima@example.org");
        assertThat(resubscribed.code()).isZero();
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);
        assertThat(project.read(project.suppressedFile())).isEqualTo(SubscriberFiles.SUPPRESSED);
    }

    @Test
    void removeDropsTheRow() throws Exception {
        SampleProject.Run removed = project.run("subscribers", "remove", "zoe.mueller@example.org");

        assertThat(removed.code()).isZero();
        assertThat(removed.out()).isEqualTo("removed zoe.mueller@example.org (was on line 3)\n");
        assertThat(project.read(project.listFile())).doesNotContain("zoe.mueller");
        assertThat(project.run("subscribers", "remove", "zoe.mueller@example.org")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void listFiltersAndFormats() {
        SampleProject.Run table = project.run("subscribers", "list", "--status", "active", "--tag", "industry");
        SampleProject.Run json = project.run("subscribers", "list", "--status", "pending", "--format", "json");

        assertThat(table.out())
                .contains("zoe.mueller@example.org")
                .contains("priya.raman@example.org")
                .doesNotContain("tomas.berg")
                .endsWith("2 subscribers\n");
        assertThat(json.out()).startsWith("[{\"email\":\"new.reader@example.org\"");
    }

    @Test
    void countByStatus() {
        SampleProject.Run count = project.run("subscribers", "count");

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
        assertThat(project.run("subscribers", "lint").code()).isZero();

        Files.writeString(project.listFile(), SubscriberFiles.LIST + "noreply@example.org,,active,,,\n");
        SampleProject.Run warnings = project.run("subscribers", "lint");
        assertThat(warnings.code()).isEqualTo(1);
        assertThat(warnings.out()).contains("pdl-packet.csv:8: warning: noreply@example.org is a role address");

        Files.writeString(project.listFile(), SubscriberFiles.LIST + "noreply@example.org,,active,,,\nbad,,,,,\n");
        SampleProject.Run errors = project.run("subscribers", "lint");
        assertThat(errors.code()).isEqualTo(2);
        assertThat(errors.out())
                .contains("pdl-packet.csv:9: error: 'bad' is not of the form name@domain")
                .endsWith("pdl-packet.csv: 8 rows, 1 error, 1 warning\n");
    }

    @Test
    void importIsAllOrNothingUnlessToldToSkipInvalidRows() throws Exception {
        Path file = dir.resolve("people.csv");
        Files.writeString(file, "\uFEFFEMAIL;Name\r\nsam@example.org;Sam\r\nbad;Bad\r\nana.lima@example.org;Ana\r\n");

        SampleProject.Run refused = project.run("subscribers", "import", file.toString());
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err())
                .contains("invalid: " + file + ":3: 'bad' is not of the form name@domain")
                .contains("1 invalid row; nothing was imported.");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);

        SampleProject.Run dryRun = project.run("subscribers", "import", file.toString(), "--skip-invalid", "--dry-run");
        assertThat(dryRun.code()).isEqualTo(1);
        assertThat(dryRun.out()).startsWith("dry run, nothing written: import of ");
        assertThat(project.read(project.listFile())).isEqualTo(SubscriberFiles.LIST);

        SampleProject.Run imported = project.run("subscribers", "import", file.toString(), "--skip-invalid");
        assertThat(imported.code()).isEqualTo(1);
        assertThat(imported.out())
                .contains("  added                                 1\n")
                .contains("  unchanged                             1\n")
                .contains("  invalid                               1\n");
        assertThat(project.read(project.listFile()))
                .isEqualTo(SubscriberFiles.LIST + "sam@example.org,Sam,active,2024-11-01T09:00:00Z,,\n");
    }

    @Test
    void exportEscapesFormulas() throws Exception {
        project.run("subscribers", "add", "eve@example.org", "--name", "=cmd|' /C calc'!A0");

        SampleProject.Run export = project.run("subscribers", "export");

        assertThat(export.code()).isZero();
        assertThat(export.out()).contains("eve@example.org,'=cmd|' /C calc'!A0,active,");
    }

    @Test
    void exportWritesCsvWithAByteOrderMarkOrJsonFilteredByStatusAndTag() {
        SampleProject.Run csv = project.run("subscribers", "export", "--bom", "--status", "active", "--tag", "faculty");
        SampleProject.Run json = project.run("subscribers", "export", "--format", "json", "--status", "bounced");
        SampleProject.Run listed = project.run("subscribers", "list", "--format", "csv", "--tag", "sponsor");

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
        SampleProject.Run noList = project.run("subscribers", "lint", "--list", "nope");

        assertThat(noList.code()).isEqualTo(2);
        assertThat(noList.out()).contains("nope.csv: error: no such file");
        assertThat(project.run("subscribers", "count", "--list", "nope").code()).isEqualTo(2);
        assertThat(project.run("subscribers", "frobnicate").code()).isEqualTo(2);
    }
}
