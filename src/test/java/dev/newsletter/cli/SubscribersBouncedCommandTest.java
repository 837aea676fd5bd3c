package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.testing.SampleProject;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code subscribers bounced}: the 5.1.x rejections of an earlier send's journal, applied once. */
class SubscribersBouncedCommandTest {
    @TempDir
    java.nio.file.Path dir;

    private SampleProject project;

    @BeforeEach
    void theFallIssueWasSentAndOneAddressWasUnknown() {
        project = SampleProject.copyTo(dir);
        try (DeliveryJournal journal =
                DeliveryJournal.open(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            journal.attempt("ana.lima@example.org", "<a@id>", 1);
            journal.result(
                    "ana.lima@example.org",
                    "<a@id>",
                    1,
                    DeliveryResult.ofReply(550, "550 5.1.1 <ana.lima@example.org>: user unknown"),
                    5);
            journal.attempt("zoe.mueller@example.org", "<z@id>", 1);
            journal.result("zoe.mueller@example.org", "<z@id>", 1, DeliveryResult.ofReply(250, "250 2.0.0 Ok"), 5);
        }
    }

    @Test
    void dryRunShowsTheAddressAndChangesNothing() {
        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);

        SampleProject.Run run = project.run("subscribers", "bounced", "--dry-run");

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("ana.lima@example.org: would be marked bounced and suppressed (2024-fall: 550 5.1.1")
                .contains("1 hard bounce in the journals; nothing changed (--dry-run)")
                .doesNotContain("zoe.mueller");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }

    @Test
    void marksTheRowBouncedAndSuppressesItAndASecondRunChangesNothing() {
        SampleProject.Run run = project.run("subscribers", "bounced", "--list", "pdl-packet");

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("ana.lima@example.org: suppressed (hard-bounce) and marked bounced in pdl-packet")
                .contains("1 hard bounce in the journals; 1 address marked bounced and suppressed");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).contains("ana.lima@example.org,hard-bounce,");

        String list = project.read(SampleProject.LIST_FILE);
        String suppressed = project.read(SampleProject.SUPPRESSED_FILE);
        SampleProject.Run again = project.run("subscribers", "bounced");

        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("0 addresses marked bounced and suppressed");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);
        assertThat(project.read(SampleProject.SUPPRESSED_FILE)).isEqualTo(suppressed);
    }
}
