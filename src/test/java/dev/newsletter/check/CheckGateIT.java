package dev.newsletter.check;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} on the sample and on a broken issue; {@code send} runs it and refuses on a failure unless {@code --force}. */
class CheckGateIT {
    @TempDir
    Path temp;

    private SampleProject project;
    private String issue;

    @BeforeEach
    void copySample() {
        project = SampleProject.copyTo(temp);
        issue = project.resolve("issues/2024-fall.yaml").toString();
    }

    @Test
    void theSampleIssuePassesCheck() {
        SampleProject.Run check = project.run(Map.of(), "check", issue);

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out())
                .contains("Checking \"The PDL Packet — Fall 2024\" for list pdl-packet")
                .containsPattern("(?m)^  pass  templates +every variable resolves")
                .containsPattern("(?m)^  warn  dkim +not configured")
                .contains("no failures: ready to send")
                .doesNotContain("fail ");
    }

    @Test
    void aBrokenIssueFailsCheckSayingWhy() throws IOException {
        breakTheIssue();

        SampleProject.Run check = project.run(ENV, "check", issue);

        assertThat(check.code()).isEqualTo(2);
        assertThat(check.out())
                .containsPattern("(?m)^  fail  links +1 link is not an absolute")
                .contains("relative/path.html")
                .contains("1 failure");
    }

    @Test
    void sendRefusesABrokenIssueAndSendsNothing() throws IOException {
        breakTheIssue();

        SampleProject.Run send = project.run(ENV, "send", issue, "--yes");

        assertThat(send.code()).isEqualTo(2);
        assertThat(send.err()).contains("fail  links").contains("Not sent").contains("--force");
        assertThat(captured()).isZero();
    }

    @Test
    void sendWithForceSendsDespiteAFailure() throws IOException {
        breakTheIssue();

        SampleProject.Run send = project.run(ENV, "send", issue, "--yes", "--force");

        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.err()).contains("sending anyway (--force)");
        assertThat(captured()).isEqualTo(5);
    }

    @Test
    void sendOnTheSampleShowsOnlyWarningsAndSends() throws IOException {
        SampleProject.Run send = project.run(ENV, "send", issue, "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        assertThat(send.err()).contains("check: 3 warnings, no failures").doesNotContain("pass ");
        assertThat(captured()).isEqualTo(5);
    }

    @Test
    void aBaseUrlWithAQueryIsRefusedWithTheConfigLine() throws IOException {
        String config = Files.readString(project.resolve("config/newsletter.yaml"));
        project.write(
                "config/newsletter.yaml",
                config.replace(
                        "baseUrl: https://pdl.example.org/newsletter",
                        "baseUrl: https://pdl.example.org/newsletter?src=mail"));

        SampleProject.Run check = project.run(ENV, "check", issue);

        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).contains("newsletter.yaml:10").contains("must not have a query");
    }

    private void breakTheIssue() throws IOException {
        String text = Files.readString(Path.of(issue));
        project.write(
                "issues/2024-fall.yaml",
                text.replace(
                        "machine learning fast enough to use.",
                        "machine learning fast enough to use. [More](relative/path.html)"));
    }

    private long captured() throws IOException {
        Path outbox = project.resolve("outbox/2024-fall");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).count();
        }
    }
}
