package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.schedule.Await;
import dev.newsletter.schedule.Durations;
import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.RecordingLog;
import dev.newsletter.schedule.ScheduleView;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.SmtpSink;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in-process, on the embedded store, against real SMTP servers.
 *
 * <p>No test here depends on how fast the machine is: a missed firing is one whose time is already
 * in the past when the test begins (stored as a daemon or {@code schedule add} would have stored it
 * then), a send that must still be running is held by the SMTP server until the test releases it,
 * and every wait is for a condition. {@link #PATIENCE} only bounds how long a broken test hangs.
 */
class DaemonIT {
    static final SchedulerTuning TUNING = SchedulerTuning.defaults()
            .withOnTime(Duration.ofSeconds(1))
            .withIdleWait(Duration.ofSeconds(1))
            .withLockPoll(Duration.ofMillis(100))
            .withStopTimeout(Duration.ofSeconds(30));
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String ISSUE = "issues/2024-fall.yaml";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path folder;

    private final Clock clock = Clock.systemDefaultZone();
    private final List<Daemon> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemons() {
        daemons.forEach(daemon -> daemon.stop("the test is over"));
    }

    private Daemon start(SampleProject project, RecordingLog log) {
        Daemon daemon = Daemon.start(project.loadConfig(), SampleProject.ENV, clock, log, TUNING);
        daemons.add(daemon);
        return daemon;
    }

    private ScheduleView addOnce(SampleProject project, String list, Instant at) {
        return addOnce(project, list, at, clock);
    }

    /** {@code schedule add} as run at {@code asked}'s time (which may be well in the past). */
    private static ScheduleView addOnce(SampleProject project, String list, Instant at, Clock asked) {
        try (ScheduleBook book = ScheduleBook.open(project.loadConfig(), SampleProject.ENV, asked, TUNING)) {
            return book.addOnce(project.resolve(ISSUE), list, at, ZoneOffset.UTC, asked.instant());
        }
    }

    /**
     * Puts the config's schedules in the store as a daemon started at {@code storedAt} would have,
     * without firing anything: a daemon that stored them then and has been down since.
     */
    private static void storeTheConfigSchedules(SampleProject project, Instant storedAt) {
        Config config = project.loadConfig();
        try (SchedulerStore store = SchedulerStore.open(config, SampleProject.ENV, TUNING)) {
            ScheduleSync.sync(store.scheduler(), ConfiguredSchedules.of(config, ZoneOffset.UTC, storedAt), storedAt);
        }
    }

    private List<ScheduleView> schedules(SampleProject project) {
        try (ScheduleBook book = ScheduleBook.open(project.loadConfig(), SampleProject.ENV, clock, TUNING)) {
            return book.list();
        }
    }

    private static void awaitLog(RecordingLog log, String fragment, long times) {
        Await.until(
                PATIENCE, () -> log.count(fragment) >= times, () -> times + " × '" + fragment + "' in\n" + log.text());
    }

    @Test
    void aOneShotAddedWhileTheDaemonRunsSendsOnceAndARestartSendsNothingMore() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .relay(GREENMAIL.getSmtp().getPort(), 2)
                .schedule(ISSUE, "pdl-packet", "0/2 * * * * ?", "UTC");
        RecordingLog first = new RecordingLog();
        Daemon daemon = start(project, first);

        ScheduleView once = addOnce(project, null, clock.instant().plusSeconds(1));

        Await.until(PATIENCE, () -> GREENMAIL.getReceivedMessages().length >= 5, () -> "5 messages");
        awaitLog(first, "[" + once.id() + "] ", 2);
        awaitLog(first, "nothing to send: the journal has all 5 recipients as done already", 1);
        daemon.stop("restart");
        RecordingLog second = new RecordingLog();
        start(project, second);
        awaitLog(second, "nothing to send: the journal has all 5 recipients as done already", 1);

        assertThat(GREENMAIL.getReceivedMessages()).hasSize(5);
        assertThat(first.text()).contains("config schedules: added issues/2024-fall.yaml@pdl-packet");
        assertThat(second.text()).contains("config schedules: kept issues/2024-fall.yaml@pdl-packet");
        assertThat(first.count("sent: accepted 5")).isEqualTo(1);
        assertThat(schedules(project)).anySatisfy(view -> {
            assertThat(view.id()).isEqualTo(once.id());
            assertThat(view.next()).isEmpty();
            assertThat(view.last()).isPresent();
        });
    }

    @Test
    void theDaemonWarnsWhenItStartsAboutAScheduleThatWouldFail() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .relay(GREENMAIL.getSmtp().getPort(), 1)
                .scheduler("  store: memory")
                .schedule(ISSUE, null, "0 0 9 ? * MON", "UTC");
        RecordingLog log = new RecordingLog();

        daemons.add(Daemon.start(project.loadConfig(), java.util.Map.of(), clock, log, TUNING));

        assertThat(log.text())
                .contains("WARN [issues/2024-fall.yaml@pdl-packet] would fail if it fired now:")
                .contains("NEWSLETTER_UNSUBSCRIBE_SECRET is not set");
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aFiringWhoseIssueFailsThePreSendGateSendsNothingAndIsLoggedAsFailed() throws IOException {
        SampleProject project = SampleProject.withTestConfig(folder);
        ScheduleView once = addOnce(project, null, clock.instant().plusSeconds(1));
        RecordingLog log = new RecordingLog();
        Path issue = project.resolve(ISSUE);
        Files.writeString(
                issue,
                Files.readString(issue)
                        .replace(
                                "machine learning fast enough to use.",
                                "machine learning fast enough to use. [More](relative/path.html)"));

        start(project, log);
        awaitLog(log, "[" + once.id() + "] failed", 1);

        assertThat(log.text())
                .contains("WARN [" + once.id() + "] failed: cannot send: ")
                .contains(": pre-send check 'links' failed: 1 link is not an absolute");
        assertThat(project.captured("2024-fall")).isZero();
        assertThat(project.journal("2024-fall", "pdl-packet")).isEmpty();
    }

    @Test
    void theMemoryStoreFiresTheConfigSchedules() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .scheduler("  store: memory")
                .schedule(ISSUE, null, "* * * * * ?", "UTC");
        RecordingLog log = new RecordingLog();

        start(project, log);
        awaitLog(log, "nothing to send", 1);

        assertThat(log.text()).contains("store memory (nothing is kept when the daemon stops)");
        assertThat(log.count("sent: accepted 5")).isEqualTo(1);
        assertThat(project.captured("2024-fall")).isEqualTo(5);
    }

    @Test
    void aOneShotMissedWhileTheDaemonWasDownCatchesUpOnStartWithinTheGrace() {
        SampleProject project = SampleProject.withTestConfig(folder);
        Instant aMinuteAgo = clock.instant().minus(Duration.ofMinutes(1));
        ScheduleView once = addOnce(project, null, aMinuteAgo.plusMillis(500), Clock.fixed(aMinuteAgo, ZoneOffset.UTC));
        RecordingLog log = new RecordingLog();

        start(project, log);

        awaitLog(log, "[" + once.id() + "] sent: accepted 5", 1);
        assertThat(log.text())
                .contains("[" + once.id() + "] catching up on issues/2024-fall.yaml to list 'pdl-packet'");
        assertThat(project.captured("2024-fall")).isEqualTo(5);
    }

    @Test
    void aOneShotMissedByMoreThanTheGraceIsSkippedAndTheLogSaysSo() {
        SampleProject project = SampleProject.withTestConfig(folder).misfireGrace("1s");
        Instant aMinuteAgo = clock.instant().minus(Duration.ofMinutes(1));
        ScheduleView once = addOnce(project, null, aMinuteAgo.plusMillis(500), Clock.fixed(aMinuteAgo, ZoneOffset.UTC));
        RecordingLog log = new RecordingLog();

        start(project, log);

        awaitLog(log, "[" + once.id() + "] skipped", 1);
        assertThat(log.text()).contains("more than scheduler.misfireGrace (1s): not sent");
        assertThat(project.captured("2024-fall")).isZero();
        assertThat(schedules(project))
                .filteredOn(view -> view.id().equals(once.id()))
                .singleElement()
                .satisfies(view ->
                        assertThat(view.last().orElseThrow().result()).isEqualTo(FiringOutcome.Result.SKIPPED_MISSED));
    }

    @Test
    void aCronMissedSeveralTimesWhileDownCatchesUpOnlyOnce() {
        // a yearly cron with two times, 10 s apart, both minutes in the past; stored by a daemon that
        // started before the first and went down at once: both were missed while it was down, and
        // the next time is a year away. Whatever the machine's speed, the start is a catch-up.
        Instant storedAt = clock.instant().minus(Duration.ofMinutes(3)).truncatedTo(ChronoUnit.MINUTES);
        ZonedDateTime first = storedAt.plusSeconds(10).atZone(ZoneOffset.UTC);
        Instant last = storedAt.plusSeconds(20);
        String twiceAYear = String.format(
                "10,20 %d %d %d %d ?",
                first.getMinute(), first.getHour(), first.getDayOfMonth(), first.getMonthValue());
        SampleProject project = SampleProject.withTestConfig(folder).schedule(ISSUE, null, twiceAYear, "UTC");
        storeTheConfigSchedules(project, storedAt);
        RecordingLog log = new RecordingLog();

        Daemon daemon = start(project, log);
        awaitLog(log, "sent: accepted 5", 1);
        daemon.stop("the catch-up is done");

        assertThat(log.text())
                .contains("config schedules: kept issues/2024-fall.yaml@pdl-packet")
                .contains("catching up on issues/2024-fall.yaml to list 'pdl-packet': due "
                        + Durations.time(last, clock.getZone()));
        assertThat(log.count("catching up on")).as(log.text()).isEqualTo(1);
        assertThat(log.count("sent: accepted 5")).isEqualTo(1);
        assertThat(project.captured("2024-fall")).isEqualTo(5);
        assertThat(schedules(project))
                .filteredOn(view -> view.source().equals(Firing.CONFIG))
                .singleElement()
                .satisfies(view -> assertThat(view.next().orElseThrow())
                        .isAfter(clock.instant().plus(Duration.ofDays(300))));
    }

    @Test
    void aFiringThatOverlapsAManualSendWaitsForItAndNeverSendsTwice() throws Exception {
        try (SmtpSink sink = new SmtpSink(Duration.ZERO)) {
            SampleProject project =
                    SampleProject.withTestConfig(folder).relay(sink.port(), 1).list("readers", 20);
            sink.holdAfter(2); // the manual send cannot finish before the firing has seen it running
            Project manual = Project.load(project.loadConfig(), project.resolve(ISSUE));
            CompletableFuture<MailingReport> send =
                    CompletableFuture.supplyAsync(() -> new IssueSender(SampleProject.ENV, clock)
                            .send(
                                    manual,
                                    IssueSender.Request.everyone("readers"),
                                    new StopSignal(),
                                    note -> {},
                                    total -> Progress.none()));
            Await.until(PATIENCE, () -> sink.held() >= 1, () -> "the manual send to start");
            RecordingLog log = new RecordingLog();
            start(project, log);

            ScheduleView once = addOnce(project, "readers", clock.instant());
            awaitLog(log, "is running (its journal is locked); waiting for it", 1);
            sink.release();
            assertThat(send.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).accepted())
                    .isEqualTo(20);
            awaitLog(log, "[" + once.id() + "] nothing to send", 1);

            assertThat(sink.total()).isEqualTo(20);
            assertThat(sink.duplicated()).isZero();
        }
    }

    @Test
    void aStopDuringASendFinishesTheMessagesInFlightAndTheNextStartCompletesTheList() throws Exception {
        try (SmtpSink sink = new SmtpSink(Duration.ZERO);
                LogWatch mailing = new LogWatch(Mailing.class)) {
            SampleProject project =
                    SampleProject.withTestConfig(folder).relay(sink.port(), 2).list("readers", 40);
            sink.holdAfter(4); // the send is under way, and cannot end before the stop reaches it
            RecordingLog first = new RecordingLog();
            Daemon daemon = start(project, first);
            ScheduleView once = addOnce(project, "readers", clock.instant());
            Await.until(PATIENCE, () -> sink.held() >= 1, () -> "the send to be under way");

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> daemon.stop("SIGTERM"));
            Await.until(PATIENCE, () -> mailing.saw("stopping the run: SIGTERM"), () -> "the send to be told to stop");
            sink.release(); // the messages in flight (one per connection) now get their reply
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

            int sentBeforeStop = sink.total();
            assertThat(sentBeforeStop).isBetween(5, 6);
            assertThat(first.text()).contains("[" + once.id() + "] interrupted: stopped: accepted");
            assertThat(first.text()).contains("the rest goes out when a daemon runs again (resume-");
            JournalCounts journal = JournalCounts.of(project.journal("2024-fall", "readers"));
            assertThat(journal.inDoubt()).isZero();
            assertThat(journal.accepted()).isEqualTo(sentBeforeStop);
            assertThat(schedules(project))
                    .anySatisfy(view -> assertThat(view.source()).isEqualTo("resume"));

            RecordingLog second = new RecordingLog();
            start(project, second);
            awaitLog(second, "[" + once.id() + "] sent:", 1);

            assertThat(second.text()).contains("[" + once.id() + "] resuming the interrupted send");
            assertThat(sink.recipients()).isEqualTo(40);
            assertThat(sink.total()).isEqualTo(40);
            assertThat(JournalCounts.of(project.journal("2024-fall", "readers")).accepted())
                    .isEqualTo(40);
        }
    }
}
