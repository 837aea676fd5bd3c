package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.bounce.ListChanges;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.subscriber.Status;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list changes of {@code inbox scan --apply}, on the sample project's real files. */
class InboxListsTest {
    private static final String LIST = "subscribers/pdl-packet.csv";
    private static final String SUPPRESSED = "subscribers/suppressed.csv";

    @TempDir
    Path dir;

    private SampleProject project;
    private InboxLists lists;

    @BeforeEach
    void theSampleProject() {
        project = SampleProject.copyTo(dir);
        Config config = ConfigLoader.load(project.config());
        lists = new InboxLists(config, Clock.fixed(Instant.parse("2024-11-20T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void aHardBounceInAnotherSpellingMarksTheRowBouncedAndSuppressesOnce() {
        ListChanges.Done done = lists.withdraw("ANA.LIMA@example.org", Status.BOUNCED, "hard-bounce");

        assertThat(done.onAList()).isTrue();
        assertThat(done.changed()).isTrue();
        assertThat(project.read(LIST)).contains("ana.lima@example.org,Ana Lima,bounced,2024-09-02T10:15:00Z");
        assertThat(project.read(SUPPRESSED)).endsWith("ANA.LIMA@example.org,hard-bounce,2024-11-20T09:00:00Z\n");

        String list = project.read(LIST);
        String suppressed = project.read(SUPPRESSED);
        ListChanges.Done again = lists.withdraw("ana.lima@example.org", Status.BOUNCED, "hard-bounce");

        assertThat(again.changed()).isFalse();
        assertThat(again.description()).isEqualTo("already bounced and suppressed; nothing changed");
        assertThat(project.read(LIST)).isEqualTo(list);
        assertThat(project.read(SUPPRESSED)).isEqualTo(suppressed);
    }

    @Test
    void aComplaintMarksTheRowComplained() {
        lists.withdraw("zoe.mueller@example.org", Status.COMPLAINED, "complaint");

        assertThat(project.read(LIST)).contains("zoe.mueller@example.org,Zoë Müller,complained,");
        assertThat(project.read(SUPPRESSED)).contains("zoe.mueller@example.org,complaint,");
    }

    @Test
    void aBounceOrUnsubscribeAfterAComplaintKeepsTheRowComplained() {
        lists.withdraw("zoe.mueller@example.org", Status.COMPLAINED, "complaint");
        String list = project.read(LIST);

        ListChanges.Done bounced = lists.withdraw("ZOE.MUELLER@example.org", Status.BOUNCED, "hard-bounce");
        ListChanges.Done unsubscribed = lists.unsubscribe("pdl-packet", "zoe.mueller@example.org");

        assertThat(bounced.changed()).isFalse();
        assertThat(unsubscribed.changed()).isFalse();
        assertThat(project.read(LIST)).isEqualTo(list).contains("zoe.mueller@example.org,Zoë Müller,complained,");
    }

    @Test
    void aComplaintAboutAnInternationalisedAddressMatchesItsOtherSpelling() {
        project.write(LIST, project.read(LIST) + "anna@xn--bcher-kva.example,Anna,active,2024-09-02T10:15:00Z,,\n");

        ListChanges.Done done = lists.withdraw("Anna@BÜCHER.example", Status.COMPLAINED, "complaint");

        assertThat(done.onAList()).isTrue();
        assertThat(project.read(LIST)).contains("anna@xn--bcher-kva.example,Anna,complained,");
        assertThat(lists.withdraw("ANNA@xn--bcher-kva.example", Status.COMPLAINED, "complaint")
                        .changed())
                .isFalse();
    }

    @Test
    void anAddressOnNoListChangesNothing() {
        String list = project.read(LIST);
        String suppressed = project.read(SUPPRESSED);

        ListChanges.Done done = lists.withdraw("stranger@example.org", Status.BOUNCED, "hard-bounce");
        ListChanges.Done soft = lists.suppress("stranger@example.org", "soft-bounces");

        assertThat(done.onAList()).isFalse();
        assertThat(soft.onAList()).isFalse();
        assertThat(project.read(LIST)).isEqualTo(list);
        assertThat(project.read(SUPPRESSED)).isEqualTo(suppressed);
    }

    @Test
    void aListWithABadRowStillGetsTheSuppression() {
        project.write(LIST, project.read(LIST) + "not an address,X,active,2024-09-02T10:15:00Z,,\n");
        String list = project.read(LIST);

        ListChanges.Done done = lists.withdraw("ana.lima@example.org", Status.BOUNCED, "hard-bounce");

        assertThat(done.changed()).isTrue();
        assertThat(done.description()).contains("suppressed (hard-bounce)").contains("could not mark it bounced");
        assertThat(project.read(SUPPRESSED)).contains("ana.lima@example.org,hard-bounce,");
        assertThat(project.read(LIST)).isEqualTo(list);
    }

    @Test
    void aBadRowBeforeTheAddressDoesNotHideItFromTheComplaint() {
        String list = project.read(LIST);
        int firstRow = list.indexOf('\n') + 1;
        project.write(
                LIST,
                list.substring(0, firstRow) + "not an address,X,active,2024-09-02T10:15:00Z,,\n"
                        + list.substring(firstRow));

        ListChanges.Done done = lists.withdraw("zoe.mueller@example.org", Status.COMPLAINED, "complaint");

        assertThat(done.onAList()).as(done.description()).isTrue();
        assertThat(project.read(SUPPRESSED)).contains("zoe.mueller@example.org,complaint,");
    }

    @Test
    void aMailedUnsubscribeIsWhatTheEndpointDoes() {
        ListChanges.Done done = lists.unsubscribe("pdl-packet", "priya.raman@example.org");

        assertThat(done.changed()).isTrue();
        assertThat(project.read(LIST)).contains("priya.raman@example.org,\"Priya Raman, PhD\",unsubscribed,");
        assertThat(project.read(SUPPRESSED)).contains("priya.raman@example.org,mailto,2024-11-20T09:00:00Z");
        assertThat(lists.unsubscribe("pdl-packet", "priya.raman@example.org").changed())
                .isFalse();
    }
}
