package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code subscribers prune --pending-older-than}: a dry run first, {@code --yes} removes, under the list's lock. */
class SubscribersPruneIT {
    // the clock is 2024-11-01T09:00:00Z; new.reader signed up on 2024-10-28 (4 days before)
    private static final String STALE = "stale.signup@example.org,Stale,pending,2024-09-01T00:00:00Z,,\n";
    private static final String TIMELESS = "no.time@example.org,No Time,pending,,,\n";
    private static final String OLD_ACTIVE = "old.active@example.org,Old Active,active,2020-01-01T00:00:00Z,,\n";

    @TempDir
    Path dir;

    @Test
    void aDryRunSaysWhatWouldGoAndChangesNothing() {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        project.append(SampleProject.LIST_FILE, STALE + TIMELESS + OLD_ACTIVE);
        String before = project.read(SampleProject.LIST_FILE);

        SampleProject.Run run = project.run("subscribers", "prune", "--pending-older-than", "30d");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("would remove stale.signup@example.org (line 8, pending since 2024-09-01T00:00:00Z)")
                .contains("kept 1 pending row without a signup time")
                .contains("dry run, nothing written: 1 pending row older than 30d")
                .contains("--yes")
                .doesNotContain("new.reader")
                .doesNotContain("old.active");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(before);
    }

    @Test
    void yesRemovesOnlyTheStalePendingRowsAndKeepsEveryOtherRowByteForByte() {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        project.append(SampleProject.LIST_FILE, STALE + TIMELESS + OLD_ACTIVE);

        SampleProject.Run run = project.run("subscribers", "prune", "--pending-older-than", "3d", "--yes");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("removed stale.signup@example.org")
                .contains("removed new.reader@example.org")
                .contains("2 pending rows older than 3d in");
        String expected =
                SubscriberFiles.LIST.replace("new.reader@example.org,Jordan Reyes,pending,2024-10-28T18:12:00Z,,\n", "")
                        + TIMELESS
                        + OLD_ACTIVE;
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(expected);

        SampleProject.Run again = project.run("subscribers", "prune", "--pending-older-than", "3d", "--yes");
        assertThat(again.out()).contains("0 pending rows older than 3d").contains("nothing to remove");
    }

    @Test
    void aBadAgeOrAListWithABadRowIsRefusedAndNothingChanges() {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        SampleProject.Run bad = project.run("subscribers", "prune", "--pending-older-than", "a month", "--yes");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("not an age");

        project.append(SampleProject.LIST_FILE, STALE + "not-an-address,x,active,,,\n");
        String before = project.read(SampleProject.LIST_FILE);
        SampleProject.Run broken = project.run("subscribers", "prune", "--pending-older-than", "30d", "--yes");
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("pdl-packet.csv:9").doesNotContain("Exception");
        assertThat(project.read(SampleProject.LIST_FILE)).isEqualTo(before);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aPruneWhileOtherProcessesAddLosesNoAddAndRemovesTheStaleRows() throws Exception {
        SampleProject project = SubscriberFiles.inSampleProject(dir);
        StringBuilder stale = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            stale.append("stale-").append(i).append("@example.org,,pending,2000-01-01T00:00:00Z,,\n");
        }
        project.append(SampleProject.LIST_FILE, stale.toString());
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            processes.add(cli(i, "add", "reader-" + i + "@example.org"));
            if (i == 3) {
                processes.add(cli(
                        100,
                        "prune",
                        "--pending-older-than",
                        "7300d", // the real clock: 2000 is older than that, 2024 is not (until 2044)
                        "--yes"));
            }
        }
        for (Process process : processes) {
            assertThat(process.waitFor(4, TimeUnit.MINUTES)).isTrue();
            assertThat(process.exitValue()).isZero();
        }

        List<String> emails = new ArrayList<>();
        SubscriberFile.of(project.listFile()).forEach(s -> emails.add(s.email().toString()));
        assertThat(emails).noneMatch(e -> e.startsWith("stale-")).contains("new.reader@example.org");
        for (int i = 0; i < 8; i++) {
            assertThat(emails).contains("reader-" + i + "@example.org");
        }
        assertThat(project.read(project.listFile())).startsWith(SubscriberFiles.LIST);
        try (var files = Files.list(project.listFile().getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private Process cli(int number, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("subscribers"));
        all.addAll(List.of(args));
        all.addAll(List.of("--config", dir.resolve("config/newsletter.yaml").toString()));
        return SubscribersProcesses.start(
                dir.resolve("p" + number + ".log"), Main.class.getName(), all.toArray(String[]::new));
    }
}
