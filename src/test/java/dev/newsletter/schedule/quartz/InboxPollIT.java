package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.schedule.Await;
import dev.newsletter.schedule.InboxPoll;
import dev.newsletter.schedule.RecordingLog;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionException;

/**
 * The daemon polls the return mailbox ({@code inbox:}) with {@link InboxPollJob}: against GreenMail
 * over real IMAP, through the real scheduler and by running the job itself. Every wait is for a
 * condition; {@link #PATIENCE} only bounds how long a broken test hangs.
 */
class InboxPollIT {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final SchedulerTuning TUNING = SchedulerTuning.defaults()
            .withOnTime(Duration.ofSeconds(1))
            .withIdleWait(Duration.ofSeconds(1))
            .withStopTimeout(Duration.ofSeconds(30));

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemDefaultZone();
    private final List<Daemon> daemons = new ArrayList<>();
    private SampleProject project;
    private GreenMailUser user;
    private Map<String, String> ids;

    @BeforeEach
    void theFallIssueWentOutAndAHardBounceCameBack() {
        project = SampleProject.copyTo(folder.resolve("project"));
        ids = ReturnMail.journalTheFallIssue(project);
        user = IMAP.setUser("bounces@pdl.example.org", "bounces", ReturnMail.PASSWORD);
        project.append(
                "config/newsletter.yaml",
                ReturnMail.inboxSection(IMAP.getImap().getPort(), "none", "  interval: 10s\n"));
        ReturnMail.deliver(user, ReturnMail.hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org"));
    }

    @AfterEach
    void stopDaemons() {
        daemons.forEach(daemon -> daemon.stop("the test is over"));
    }

    private Daemon start(Map<String, String> env, RecordingLog log) {
        Daemon daemon = Daemon.start(project.loadConfig(), env, clock, log, TUNING);
        daemons.add(daemon);
        return daemon;
    }

    /** How many messages each folder of the mailbox holds. */
    private Map<String, Integer> server() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", IMAP.getImap().getPort(), "bounces", ReturnMail.PASSWORD);
        try {
            Map<String, Integer> counts = new java.util.TreeMap<>();
            for (Folder f : store.getDefaultFolder().list("*")) {
                counts.put(f.getFullName(), f.getMessageCount());
            }
            return counts;
        } finally {
            store.close();
        }
    }

    @Test
    void theDaemonPollsAtStartAppliesMovesTheMessageAndLogsOneLinePerChange() throws Exception {
        RecordingLog log = new RecordingLog();

        start(ReturnMail.env(), log);
        Await.until(
                PATIENCE, () -> log.count("inbox imap:1: hard-bounce") > 0, () -> "the first poll, log: " + log.text());

        assertThat(log.lines())
                .anyMatch(line -> line.startsWith("INFO inbox: polling INBOX at 127.0.0.1:")
                        && line.contains("every 10s")
                        && line.contains("go to Done"))
                .filteredOn(line -> line.contains("inbox imap:"))
                .singleElement()
                .asString()
                .startsWith(
                        "INFO inbox imap:1: hard-bounce ana.lima@example.org 5.1.1 (2024-fall/pdl-packet) -> suppress:")
                .contains("marked bounced in pdl-packet");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(server()).containsEntry("INBOX", 0).containsEntry("Done", 1);
        assertThat(log.text()).doesNotContain("inbox poll failed").doesNotContain(ReturnMail.PASSWORD);
        try (ScheduleBook book = ScheduleBook.open(project.loadConfig(), ReturnMail.env(), clock, TUNING)) {
            assertThat(book.list()).noneMatch(view -> view.id().contains("inbox"));
        }
    }

    @Test
    void aFailingPollLogsOneLineAndTheDaemonKeepsPolling() throws Exception {
        Map<String, String> env = new HashMap<>(ReturnMail.env());
        env.put("NEWSLETTER_INBOX_PASSWORD", "wrong-password-123");
        RecordingLog log = new RecordingLog();

        start(env, log);
        // two failed polls: the first at start, the next one an interval (10s) later
        Await.until(PATIENCE, () -> log.count("inbox poll failed") >= 2, () -> "two polls, log: " + log.text());

        assertThat(log.lines())
                .filteredOn(line -> line.contains("inbox poll failed"))
                .allSatisfy(line -> assertThat(line)
                        .startsWith("WARN inbox poll failed: inbox 127.0.0.1:")
                        .contains("refused the login")
                        .doesNotContain("\n")
                        .doesNotContain("wrong-password-123"));
        assertThat(server()).containsEntry("INBOX", 1).doesNotContainKey("Done");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,active,");
    }

    @Test
    void theJobItselfMovesProcessedMessagesAndAFailedPollIsThrownBackToQuartz() throws Exception {
        RecordingLog log = new RecordingLog();
        InboxPoll poll =
                InboxPoll.of(project.loadConfig(), ReturnMail.env(), clock, log).orElseThrow();

        new InboxPollJob(poll).execute(null);

        assertThat(server()).containsEntry("INBOX", 0).containsEntry("Done", 1);
        assertThat(log.count("-> suppress")).isEqualTo(1);
        String list = project.read(SampleProject.LIST_FILE);

        // the same bounce again (another copy of it): recorded already, so only moved
        ReturnMail.deliver(user, ReturnMail.hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org"));
        new InboxPollJob(poll).execute(null);

        assertThat(server()).containsEntry("INBOX", 0).containsEntry("Done", 2);
        assertThat(log.count("-> suppress")).isEqualTo(1);
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(list);

        user.setPassword("changed-meanwhile");
        assertThatThrownBy(() -> new InboxPollJob(poll).execute(null)).isInstanceOf(JobExecutionException.class);
        assertThat(log.count("inbox poll failed")).isEqualTo(1);
    }

    @Test
    void withoutAnInboxSectionTheDaemonHasNoPollJob() throws Exception {
        Daemon first = start(ReturnMail.env(), new RecordingLog());
        first.stop("restarting without inbox:");
        daemons.remove(first);
        project.replace(
                "config/newsletter.yaml",
                ReturnMail.inboxSection(IMAP.getImap().getPort(), "none", "  interval: 10s\n"),
                "");
        RecordingLog log = new RecordingLog();

        start(ReturnMail.env(), log).stop("looked");

        assertThat(log.text()).doesNotContain("inbox");
        try (SchedulerStore store = SchedulerStore.open(project.loadConfig(), ReturnMail.env(), TUNING)) {
            assertThat(store.scheduler().checkExists(InboxPollJob.JOB)).isFalse();
        }
    }

    @Test
    void aPollOfAStoppingDaemonLeavesTheRestInTheFolderForTheNextPoll() throws Exception {
        ReturnMail.deliver(user, ReturnMail.hardBounce(ids.get("ops-team@example.org"), "ops-team@example.org"));
        RecordingLog log = new RecordingLog();
        InboxPoll poll =
                InboxPoll.of(project.loadConfig(), ReturnMail.env(), clock, log).orElseThrow();

        poll.stop();
        poll.poll();

        assertThat(server()).containsEntry("INBOX", 2).doesNotContainKey("Done");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,active,");
        assertThat(log.text()).doesNotContain("inbox imap:");
    }
}
