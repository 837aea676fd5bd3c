package dev.newsletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonStartedTest {
    private static final String STORE = "embedded H2 database var/scheduler/quartz.mv.db";
    private static final ScheduleChanges NONE = new ScheduleChanges(List.of(), List.of(), List.of(), List.of());

    @Test
    void saysTheStoreTheConfigsSchedulesAndEachNextFiringSoonestFirst() {
        ScheduleChanges changes =
                new ScheduleChanges(List.of("issues/2024-fall.yaml@pdl-packet"), List.of(), List.of(), List.of());
        List<DaemonStarted.Upcoming> upcoming = List.of(
                new DaemonStarted.Upcoming(
                        "issues/2024-fall.yaml@pdl-packet",
                        Optional.of(Instant.parse("2026-11-30T08:00:00Z")),
                        ZoneId.of("Europe/Amsterdam")),
                new DaemonStarted.Upcoming("done", Optional.empty(), ZoneOffset.UTC),
                new DaemonStarted.Upcoming(
                        "once-1", Optional.of(Instant.parse("2026-11-27T12:02:19Z")), ZoneOffset.UTC));

        List<String> lines = new DaemonStarted(STORE, "vm pid 501", Duration.ofHours(1), changes, upcoming).lines();

        assertThat(lines)
                .containsExactly(
                        "scheduler started: store embedded H2 database var/scheduler/quartz.mv.db, instance vm pid 501,"
                                + " misfireGrace 1h",
                        "config schedules: added issues/2024-fall.yaml@pdl-packet",
                        "[once-1] next firing: Fri 2026-11-27 12:02:19 Z",
                        "[issues/2024-fall.yaml@pdl-packet] next firing: Mon 2026-11-30 09:00:00 CET",
                        "[done] next firing: none");
    }

    @Test
    void saysWhenNothingIsScheduled() {
        List<String> lines = new DaemonStarted(STORE, "vm pid 501", Duration.ofMinutes(30), NONE, List.of()).lines();

        assertThat(lines)
                .containsExactly(
                        "scheduler started: store " + STORE + ", instance vm pid 501, misfireGrace 30m",
                        "config schedules: none",
                        "nothing scheduled: add schedules to the config, or one-shot sends with ./newsletter schedule add");
    }

    @Test
    void namesEveryKindOfChangeToTheConfigsSchedules() {
        ScheduleChanges changes = new ScheduleChanges(List.of("a"), List.of("b"), List.of("c", "d"), List.of("e"));

        assertThat(changes.describe())
                .isEqualTo("added a; changed (starting afresh) b; removed (no longer in the config) e; kept c, d");
    }
}
