package dev.newsletter.schedule.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredSchedulesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @TempDir
    Path folder;

    @Test
    void eachScheduleGetsAnIdFromItsIssueAndList() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", "Europe/Amsterdam")
                .schedule("./issues/2024-fall.yaml", null, "0 0 9 ? * THU", null)
                .schedule("issues/2024-fall.yaml", "alumni", "0 0 9 1 * ?", null);

        List<ConfiguredSchedule> schedules = ConfiguredSchedules.of(project.loadConfig(), ZoneOffset.UTC, NOW);

        assertThat(schedules)
                .extracting(ConfiguredSchedule::id)
                .containsExactly(
                        "issues/2024-fall.yaml@pdl-packet",
                        "issues/2024-fall.yaml@pdl-packet#2",
                        "issues/2024-fall.yaml@alumni");
        assertThat(schedules.get(0).zone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(schedules.get(1).zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(schedules.get(1).list()).isEqualTo("pdl-packet");
        assertThat(schedules.get(0).where()).endsWith("newsletter.yaml:21:5");
    }

    @Test
    void everyBadCronIsReportedAtOnceWithItsLine() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 9 * * MON", null)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", null)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 1 1 ? 2020", null);

        assertThatThrownBy(() -> ConfiguredSchedules.of(project.loadConfig(), ZoneOffset.UTC, NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.problems()).hasSize(2);
                    assertThat(e.problems().get(0).toString())
                            .contains("newsletter.yaml:23:5: '0 9 * * MON' is not a Quartz cron")
                            .contains("\"0 0 9 ? * MON\"");
                    assertThat(e.problems().get(1).toString())
                            .contains("newsletter.yaml:29:5: the cron '0 0 9 1 1 ? 2020' never fires again");
                });
    }

    @Test
    void theSameScheduleWrittenTwiceIsAProblem() {
        SampleProject project = SampleProject.withTestConfig(folder)
                .schedule("issues/2024-fall.yaml", "pdl-packet", "0 0 9 ? * MON", null)
                .schedule("issues/2024-fall.yaml", null, "0 0 9 ? * MON", null);

        assertThatThrownBy(() -> ConfiguredSchedules.of(project.loadConfig(), ZoneOffset.UTC, NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the same schedule is already written at");
    }
}
