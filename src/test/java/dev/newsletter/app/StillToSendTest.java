package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The count the relay send's confirmation question shows: who the send would mail now. */
class StillToSendTest {
    @TempDir
    Path dir;

    @Test
    void whoAnotherListsJournalOfTheIssueHasIsNotCountedAsTheSendSkipsThem() {
        SampleProject sample = SampleProject.copyTo(dir);
        Project project = Project.load(sample.loadConfig(), sample.issue());
        assertThat(project.stillToSend("pdl-packet")).isEqualTo(5);

        try (DeliveryJournal alumni = DeliveryJournal.open(project.journalFile("alumni"), Clock.systemUTC())) {
            alumni.result("Zoe.Mueller@example.org", "<m@x>", 1, DeliveryResult.ofReply(250, "2.0.0 Ok"), 1);
        }

        assertThat(project.stillToSend("pdl-packet")).isEqualTo(4);
    }
}
