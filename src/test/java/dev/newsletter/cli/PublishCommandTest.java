package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishCommandTest {
    @TempDir
    Path dir;

    @Test
    void publishWritesThePageTheIndexAndTheFeedIntoSite() {
        SampleProject sample = SampleProject.copyTo(dir);

        SampleProject.Run run = sample.run("publish", sample.issue().toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines())
                .containsExactly(
                        dir.resolve("site/2024-fall/graphpipe.png").toString(),
                        dir.resolve("site/2024-fall/helix.png").toString(),
                        dir.resolve("site/2024-fall/cinnamon.png").toString(),
                        dir.resolve("site/2024-fall.html").toString(),
                        dir.resolve("site/index.html").toString(),
                        dir.resolve("site/feed.xml").toString());
        assertThat(dir.resolve("site/2024-fall.html")).isRegularFile();
    }

    @Test
    void aDraftIsRefusedInOneLineAndNothingIsWritten() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.replace("issues/2024-fall.yaml", "date: 2024-11-01", "date: 2024-11-01\ndraft: true");

        SampleProject.Run run = sample.run("publish", sample.issue().toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().findFirst().orElseThrow())
                .contains("2024-fall.yaml")
                .contains("not published: it is a draft");
        assertThat(run.err()).doesNotContain("Exception");
        assertThat(dir.resolve("site")).doesNotExist();
    }

    @Test
    void siteNamesTheIssuesItSkipsAndWritesToOut() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write(
                "issues/next.yaml",
                sample.read("issues/2024-fall.yaml")
                        .replace("id: 2024-fall", "id: next")
                        .replace("date: 2024-11-01", "date: 2999-01-01"));

        SampleProject.Run run = sample.run("site", "--out", dir.resolve("www").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("skipped issues/next.yaml: it is dated 2999-01-01");
        assertThat(dir.resolve("www/2024-fall.html")).isRegularFile();
        assertThat(dir.resolve("www/next.html")).doesNotExist();
    }
}
