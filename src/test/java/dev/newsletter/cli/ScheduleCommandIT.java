package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.schedule.DaemonLog;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.quartz.Daemon;
import dev.newsletter.testing.SampleProject;
import dev.newsletter.testing.SampleProject.Run;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schedule commands and the daemon's refusals, through Main.run, on the embedded store. */
class ScheduleCommandIT {
    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneId.of("Europe/Amsterdam"));

    @TempDir
    Path folder;

    private Run run(SampleProject project, String... args) {
        return project.withClock(CLOCK).run(SampleProject.ENV, args);
    }

    private String issue(SampleProject project) {
        return project.resolve("issues/2024-fall.yaml").toString();
    }

    @Test
    void listShowsTheConfigSchedulesWithTheirNextFiringInTheirZone() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", "Europe/Amsterdam");

        Run result = run(project, "schedule", "list");

        assertThat(result.code()).isZero();
        assertThat(result.out())
                .contains("Store: embedded H2 database var/scheduler/quartz.mv.db; no daemon is running")
                .contains("issues/2024-fall.yaml@pdl-packet  Mon 2026-11-30 09:00:00 CET  2d 20h")
                .contains("cron 0 0 9 ? * MON (Europe/Amsterdam)")
                .contains("note: not in the store yet: the daemon adds it when it starts");
    }

    @Test
    void addListAndRemoveAOneShotSend() {
        SampleProject project = SampleProject.withTestConfig(folder);

        Run added = run(project, "schedule", "add", issue(project), "--at", "2026-12-01T09:00");
        Run listed = run(project, "schedule", "list");
        Run removed = run(project, "schedule", "remove", "once-1");
        Run after = run(project, "schedule", "list");

        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out())
                .contains(
                        "Added once-1: issues/2024-fall.yaml to list pdl-packet at Tue 2026-12-01 09:00:00 CET (in 3d 20h).");
        assertThat(listed.out()).contains("once-1  Tue 2026-12-01 09:00:00 CET  3d 20h  once");
        assertThat(removed.code()).isZero();
        assertThat(removed.out()).contains("Removed once-1 (it was due Tue 2026-12-01 09:00:00 CET).");
        assertThat(after.out()).doesNotContain("once-1").contains("No schedules.");
    }

    @Test
    void addReadsTimesInTheGivenZoneWithOffsetsOrFromNow() {
        SampleProject project = SampleProject.withTestConfig(folder);

        Run zoned = run(
                project,
                "schedule",
                "add",
                issue(project),
                "--at",
                "2026-12-01 09:00",
                "--time-zone",
                "America/New_York");
        Run offset = run(project, "schedule", "add", issue(project), "--at", "2026-12-01T09:00:00Z");
        Run relative = run(project, "schedule", "add", issue(project), "--at", "+90m");

        assertThat(zoned.out()).contains("Added once-1").contains("Tue 2026-12-01 09:00:00 EST");
        assertThat(offset.out()).contains("Added once-2").contains("Tue 2026-12-01 10:00:00 CET");
        assertThat(relative.out()).contains("Added once-3").contains("Fri 2026-11-27 14:30:00 CET (in 1h 30m)");
    }

    @Test
    void addRefusesATimeInThePastABadTimeAndABadIssueWithExitCode2() throws Exception {
        SampleProject project = SampleProject.withTestConfig(folder);
        java.nio.file.Files.writeString(project.resolve("issues/broken.yaml"), "id: broken\ntitel: oops\n");

        Run past = run(project, "schedule", "add", issue(project), "--at", "2026-11-01T09:00");
        Run garbage = run(project, "schedule", "add", issue(project), "--at", "next tuesday");
        Run broken = run(
                project,
                "schedule",
                "add",
                project.resolve("issues/broken.yaml").toString(),
                "--at",
                "+1h");
        Run unknownList = run(project, "schedule", "add", issue(project), "--at", "+1h", "--list", "nobody");

        assertThat(past.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(past.err()).contains("--at: Sun 2026-11-01 09:00:00 CET is in the past");
        assertThat(garbage.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(garbage.err()).contains("'next tuesday' is not a time");
        assertThat(broken.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(broken.err()).contains("broken.yaml").contains("titel");
        assertThat(unknownList.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknownList.err()).contains("nobody.csv");
        assertThat(run(project, "schedule", "list").out()).contains("No schedules.");
    }

    @Test
    void removeRefusesConfigSchedulesAndUnknownIds() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", "Europe/Amsterdam");

        Run config = run(project, "schedule", "remove", "issues/2024-fall.yaml@pdl-packet");
        Run unknown = run(project, "schedule", "remove", "once-42");

        assertThat(config.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(config.err())
                .contains("this schedule comes from the config")
                .contains("newsletter.yaml:21:5): delete it there and restart the daemon");
        assertThat(unknown.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(unknown.err()).contains("once-42: no schedule has this id");
    }

    @Test
    void theMemoryStoreCannotKeepOneShotSends() {
        SampleProject project = SampleProject.withTestConfig(folder).scheduler("  store: memory");

        Run added = run(project, "schedule", "add", issue(project), "--at", "+1h");
        Run listed = run(
                project.schedule("issues/2024-fall.yaml", null, "0 0 9 ? * MON", "Europe/Amsterdam"),
                "schedule",
                "list");

        assertThat(listed.out())
                .contains("the memory store keeps nothing between processes")
                .contains("issues/2024-fall.yaml@pdl-packet  Mon 2026-11-30 09:00:00 CET")
                .doesNotContain("note:");
        assertThat(added.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(added.err()).contains("scheduler.store is memory, which keeps nothing between processes");
    }

    @Test
    void runRefusesABadCronWithItsLineBeforeStarting() {
        SampleProject project =
                SampleProject.withTestConfig(folder).schedule("issues/2024-fall.yaml", null, "0 9 * * MON", null);

        Run result = run(project, "run");

        assertThat(result.code()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(result.err())
                .contains("newsletter.yaml:22:5: '0 9 * * MON' is not a Quartz cron")
                .contains("1 problem; nothing was sent or changed.");
    }

    @Test
    void aPostgresStoreWithoutUserOrWithAPasswordInTheUrlIsRefused() {
        SampleProject noUser = SampleProject.withTestConfig(folder.resolve("a"))
                .scheduler("  store: postgres\n  jdbcUrl: jdbc:postgresql://127.0.0.1/newsletter");
        SampleProject password = SampleProject.withTestConfig(folder.resolve("b"))
                .scheduler(
                        "  store: postgres\n  jdbcUrl: jdbc:postgresql://127.0.0.1/newsletter?user=a&password=secret");

        assertThat(run(noUser, "schedule", "list").err()).contains("scheduler.jdbcUrl must name the database user");
        assertThat(run(password, "schedule", "list").err())
                .contains("no passwords in the config: put it in the environment variable NEWSLETTER_DB_PASSWORD");
    }

    @Test
    void runRefusesToStartWhenAnotherDaemonRunsForTheProject() {
        SampleProject project = SampleProject.withTestConfig(folder);
        DaemonLog quiet = new DaemonLog() {
            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}
        };
        Daemon daemon = Daemon.start(project.loadConfig(), SampleProject.ENV, CLOCK, quiet, SchedulerTuning.defaults());
        try {
            Run second = run(project, "run");
            Run list = run(project, "schedule", "list");

            assertThat(second.code()).isEqualTo(ExitCode.INVALID_INPUT);
            assertThat(second.err()).contains("daemon.lock: another daemon is running for this project (pid ");
            assertThat(list.out())
                    .contains("daemon running: pid " + ProcessHandle.current().pid());
        } finally {
            daemon.stop("test over");
        }
    }
}
