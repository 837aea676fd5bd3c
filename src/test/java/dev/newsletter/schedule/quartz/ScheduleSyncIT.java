package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.schedule.ScheduleChanges;
import dev.newsletter.schedule.ScheduleView;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/** Putting the config's schedules into the embedded store across restarts. */
class ScheduleSyncIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path folder;

    private ScheduleChanges sync(SampleProject project) throws Exception {
        try (SchedulerStore store =
                SchedulerStore.open(project.loadConfig(), SampleProject.ENV, SchedulerTuning.defaults())) {
            return ScheduleSync.sync(
                    store.scheduler(), ConfiguredSchedules.of(project.loadConfig(), ZoneOffset.UTC, NOW), NOW);
        }
    }

    private <T> T inStore(SampleProject project, StoreQuery<T> query) throws Exception {
        try (SchedulerStore store =
                SchedulerStore.open(project.loadConfig(), SampleProject.ENV, SchedulerTuning.defaults())) {
            return query.apply(store.scheduler());
        }
    }

    @FunctionalInterface
    interface StoreQuery<T> {
        T apply(Scheduler scheduler) throws Exception;
    }

    @Test
    void aRestartKeepsUnchangedSchedulesWithTheirFireTimesAndReplacesChangedOnes() throws Exception {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", "Europe/Amsterdam")
                .schedule("issues/2024-fall.yaml", "alumni", "0 0 9 1 * ?", "Europe/Amsterdam");
        ScheduleChanges first = sync(project);
        TriggerKey weekly = TriggerKey.triggerKey("issues/2024-fall.yaml@pdl-packet", ScheduleKeys.CONFIG_GROUP);
        Date storedStart =
                inStore(project, scheduler -> scheduler.getTrigger(weekly).getStartTime());

        ScheduleChanges unchanged = sync(project);
        SampleProject edited = SampleProject.withTestConfig(folder.resolve("edited"))
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 30 9 ? * MON", "Europe/Amsterdam");
        // the same store, a config with one schedule changed and one removed
        java.nio.file.Files.copy(edited.config(), project.config(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ScheduleChanges changed = sync(project);

        assertThat(first.added()).containsExactly("issues/2024-fall.yaml@pdl-packet", "issues/2024-fall.yaml@alumni");
        assertThat(unchanged.kept()).hasSize(2);
        assertThat(unchanged.added()).isEmpty();
        Date keptStart =
                inStore(project, scheduler -> scheduler.getTrigger(weekly).getStartTime());
        assertThat(keptStart).as("kept, not replaced").isEqualTo(storedStart);
        assertThat(changed.changed()).containsExactly("issues/2024-fall.yaml@pdl-packet");
        assertThat(changed.removed()).containsExactly("issues/2024-fall.yaml@alumni");
        List<Trigger> triggers = inStore(
                project,
                scheduler -> scheduler.getTriggerKeys(GroupMatcher.anyGroup()).stream()
                        .map(key -> {
                            try {
                                return scheduler.getTrigger(key);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .toList());
        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 30 9 ? * MON");
            assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        });
        boolean jobLeft = inStore(
                project,
                scheduler ->
                        scheduler.checkExists(JobKey.jobKey("issues/2024-fall.yaml@alumni", ScheduleKeys.JOB_GROUP)));
        assertThat(jobLeft)
                .as("the job of a removed schedule goes with its last trigger")
                .isFalse();
    }

    @Test
    void theStoreIsCreatedOnceFromTheQuartzScriptAndReopened() throws Exception {
        SampleProject project = SampleProject.withTestConfig(folder);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        try (ScheduleBook book =
                ScheduleBook.open(project.loadConfig(), SampleProject.ENV, clock, SchedulerTuning.defaults())) {
            book.addOnce(project.resolve("issues/2024-fall.yaml"), null, NOW.plusSeconds(3600), ZoneOffset.UTC, NOW);
        }
        try (ScheduleBook book =
                ScheduleBook.open(project.loadConfig(), SampleProject.ENV, clock, SchedulerTuning.defaults())) {
            assertThat(book.list()).extracting(ScheduleView::id).containsExactly("once-1");
        }
        assertThat(project.resolve("var/scheduler/quartz.mv.db")).exists();
    }
}
