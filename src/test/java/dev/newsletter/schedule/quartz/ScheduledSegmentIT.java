package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.schedule.DaemonLog;
import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.FiringOutcome;
import dev.newsletter.schedule.MemoryOutcomeStore;
import dev.newsletter.schedule.MisfireRule;
import dev.newsletter.schedule.ScheduledSends;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.subscriber.Segment;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code schedules[].tags} and {@code .where}: validated with file, line and column, and a firing sends to the segment. */
class ScheduledSegmentIT {
    private static final Instant NOW = Instant.parse("2024-11-04T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFiringOfAScheduleWithTagsSendsToThatSegmentOnly() throws IOException {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.replace(
                "config/newsletter.yaml",
                "    timeZone: Europe/Amsterdam",
                "    timeZone: Europe/Amsterdam\n    tags: [alumni, student]\n    where:\n      Affiliation: Example Storage GmbH");
        Config config = ConfigLoader.load(sample.config());
        List<ConfiguredSchedule> schedules = ConfiguredSchedules.of(config, ZoneOffset.UTC, NOW);
        assertThat(schedules)
                .singleElement()
                .extracting(ConfiguredSchedule::segment)
                .isEqualTo(new Segment(List.of("alumni", "student"), Map.of("affiliation", "Example Storage GmbH")));

        ConfiguredSchedule schedule = schedules.get(0);
        List<String> lines = new ArrayList<>();
        DaemonLog log = new DaemonLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        FiringOutcome outcome = ScheduledSends.of(config, SampleProject.ENV, clock, log)
                .configured(schedules)
                .runner(
                        new MisfireRule(Duration.ofHours(1), Duration.ofMinutes(1)),
                        new MemoryOutcomeStore(),
                        SchedulerTuning.defaults(),
                        "test-host")
                .run(
                        new Firing(
                                schedule.id(),
                                Firing.CONFIG,
                                Firing.Kind.SCHEDULED,
                                schedule.issue(),
                                schedule.list(),
                                NOW,
                                NOW),
                        (firing, sentSome) -> "handed on");

        assertThat(outcome.result()).as(String.join("\n", lines)).isEqualTo(FiringOutcome.Result.SENT);
        // alumni or student, and at Example Storage GmbH: zoe only (sam is a student elsewhere)
        assertThat(captured(dir.resolve("outbox/2024-fall"))).containsExactly("zoe.mueller@example.org.eml");
        assertThat(String.join("\n", lines))
                .contains("to 1 of 5 active subscribers of pdl-packet tagged alumni or student, where affiliation=");
    }

    @Test
    void aResumedFiringOfASegmentScheduleThatLeftTheConfigSendsToNoOne() throws IOException {
        // a send to the alumni was interrupted and handed on; the schedule is then taken out of the
        // config. The resume must not fall back to the whole list: whom it was for is no longer known
        SampleProject sample = SampleProject.copyTo(dir);
        sample.replace(
                "config/newsletter.yaml",
                "    timeZone: Europe/Amsterdam",
                "    timeZone: Europe/Amsterdam\n    tags: [alumni]");
        Config config = ConfigLoader.load(sample.config());
        ConfiguredSchedule schedule =
                ConfiguredSchedules.of(config, ZoneOffset.UTC, NOW).get(0);
        List<String> lines = new ArrayList<>();

        FiringOutcome outcome = runner(config, List.of(), lines)
                .run(
                        new Firing(
                                schedule.id(),
                                Firing.CONFIG,
                                Firing.Kind.RESUME,
                                schedule.issue(),
                                schedule.list(),
                                NOW,
                                NOW),
                        (firing, sentSome) -> "handed on");

        assertThat(outcome.result()).as(String.join("\n", lines)).isEqualTo(FiringOutcome.Result.FAILED);
        assertThat(outcome.summary()).contains(schedule.id()).contains("no longer in the config");
        assertThat(dir.resolve("outbox/2024-fall")).doesNotExist();
    }

    @Test
    void aScheduleDoesNotInheritTheIdOfARemovedSegmentScheduleOfTheSameIssueAndList() {
        // the id is what a handed-on or recovered firing finds its segment by: taking out the first of
        // two schedules must not make the whole-list one answer to the alumni one's firings
        SampleProject sample = SampleProject.copyTo(dir);
        sample.replace(
                "config/newsletter.yaml",
                "    timeZone: Europe/Amsterdam",
                "    timeZone: Europe/Amsterdam\n    tags: [alumni]");
        sample.append(
                "config/newsletter.yaml",
                "  - issue: issues/2024-fall.yaml\n    list: pdl-packet\n    cron: \"0 0 9 ? * TUE\"\n"
                        + "    timeZone: Europe/Amsterdam\n");
        List<ConfiguredSchedule> both = ConfiguredSchedules.of(ConfigLoader.load(sample.config()), ZoneOffset.UTC, NOW);
        sample.replace("config/newsletter.yaml", "    timeZone: Europe/Amsterdam\n    tags: [alumni]\n", "");
        sample.replace("config/newsletter.yaml", "    cron: \"0 0 9 ? * MON\"\n", "");
        sample.replace(
                "config/newsletter.yaml",
                "  - issue: issues/2024-fall.yaml\n    list: pdl-packet\n  - issue:",
                "  - issue:");
        List<ConfiguredSchedule> after =
                ConfiguredSchedules.of(ConfigLoader.load(sample.config()), ZoneOffset.UTC, NOW);

        assertThat(after).singleElement().extracting(ConfiguredSchedule::cron).isEqualTo("0 0 9 ? * TUE");
        assertThat(after.get(0).id()).isNotEqualTo(both.get(0).id());
        assertThat(after.get(0).id()).isEqualTo(both.get(1).id());
    }

    @Test
    void badTagsAndWhereFieldsAreRefusedWithFileLineAndColumn() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.replace(
                "config/newsletter.yaml",
                "    timeZone: Europe/Amsterdam",
                "    timeZone: Europe/Amsterdam\n    tags: [\"a;b\", \" \"]\n    where:\n      \" \": x");

        assertThatThrownBy(() -> ConfigLoader.load(sample.config()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("newsletter.yaml:44:")
                .hasMessageContaining("'a;b' is not a tag")
                .hasMessageContaining("' ' is not a column name");
    }

    @Test
    void twoSchedulesThatDifferOnlyInTheirSegmentAreBothKept() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.append(
                "config/newsletter.yaml",
                "  - issue: issues/2024-fall.yaml\n    list: pdl-packet\n    cron: \"0 0 9 ? * MON\"\n"
                        + "    timeZone: Europe/Amsterdam\n    tags: [alumni]\n");
        Config config = ConfigLoader.load(sample.config());

        List<ConfiguredSchedule> schedules = ConfiguredSchedules.of(config, ZoneOffset.UTC, NOW);

        assertThat(schedules).hasSize(2);
        assertThat(schedules.get(0).id()).isNotEqualTo(schedules.get(1).id());
        assertThat(schedules.get(1).segment().tags()).containsExactly("alumni");
    }

    private static dev.newsletter.schedule.FiringRunner runner(
            Config config, List<ConfiguredSchedule> configured, List<String> lines) {
        DaemonLog log = new DaemonLog() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }
        };
        return ScheduledSends.of(config, SampleProject.ENV, Clock.fixed(NOW, ZoneOffset.UTC), log)
                .configured(configured)
                .runner(
                        new MisfireRule(Duration.ofHours(1), Duration.ofMinutes(1)),
                        new MemoryOutcomeStore(),
                        SchedulerTuning.defaults(),
                        "test-host");
    }

    private static List<String> captured(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".eml"))
                    .sorted()
                    .toList();
        }
    }
}
