package dev.newsletter.cli;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command that takes {@code --list} refuses a name that is not a list name the same way, before touching any file. */
class ListNameTest {
    @TempDir
    Path temp;

    @Test
    void sendCheckTestReportAndSubscribersRefuseAPathAsAListName() {
        SampleProject project = SampleProject.copyTo(temp);
        String issue = project.resolve("issues/2024-fall.yaml").toString();
        String[][] commands = {
            {"send", issue, "--yes", "--list", "../config/x"},
            {"check", issue, "--list", "../config/x"},
            {"test", issue, "--to", "me@example.org", "--list", "../config/x"},
            {"report", issue, "--list", "../config/x"},
            {"subscribers", "count", "--list", "../config/x"},
        };

        for (String[] command : commands) {
            SampleProject.Run run = project.run(ENV, command);

            assertThat(run.code())
                    .as(String.join(" ", command) + "\n" + run.err())
                    .isEqualTo(2);
            assertThat(run.err())
                    .as(command[0])
                    .contains("newsletter.yaml: --list '../config/x' is not a list name (letters, digits, '.', '_'"
                            + " and '-')");
        }
        assertThat(Files.exists(project.resolve("outbox"))).isFalse();
        assertThat(Files.exists(project.resolve("var"))).isFalse();
    }
}
