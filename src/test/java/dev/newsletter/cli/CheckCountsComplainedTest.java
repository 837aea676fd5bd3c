package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} names complained subscribers in the list's tally (and says nothing of them when there are none). */
class CheckCountsComplainedTest {
    @TempDir
    Path dir;

    @Test
    void complainedSubscribersAreCounted() {
        SampleProject project = SampleProject.copyTo(dir);
        CliRun before = CliRun.of(
                "check",
                project.issue().toString(),
                "--config",
                project.config().toString());
        assertThat(before.out()).contains(" pending").doesNotContain("complained");

        project.replace(
                "subscribers/pdl-packet.csv",
                "zoe.mueller@example.org,Zoë Müller,active,",
                "zoe.mueller@example.org,Zoë Müller,complained,");
        CliRun after = CliRun.of(
                "check",
                project.issue().toString(),
                "--config",
                project.config().toString());

        assertThat(after.out()).contains(" pending, 1 complained");
    }
}
