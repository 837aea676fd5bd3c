package dev.newsletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.Config;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuePathsTest {
    @TempDir
    Path folder;

    @Test
    void anIssueInsideTheProjectIsStoredRelativeToIt() throws Exception {
        Config config = SampleProject.withTestConfig(folder).loadConfig();

        assertThat(IssuePaths.fromConfig(config, "issues/../issues/2024-fall.yaml"))
                .isEqualTo("issues/2024-fall.yaml");
        assertThat(IssuePaths.fromCommandLine(config, folder.resolve("issues/2024-fall.yaml")))
                .isEqualTo("issues/2024-fall.yaml");
        assertThat(IssuePaths.resolve(config, "issues/2024-fall.yaml"))
                .isEqualTo(folder.toAbsolutePath().resolve("issues/2024-fall.yaml"));
    }

    @Test
    void anIssueOutsideTheProjectIsStoredAbsolute() throws Exception {
        Config config = SampleProject.withTestConfig(folder.resolve("project")).loadConfig();
        Path outside = folder.resolve("elsewhere/issue.yaml").toAbsolutePath();

        assertThat(IssuePaths.fromCommandLine(config, outside)).isEqualTo(outside.toString());
    }
}
