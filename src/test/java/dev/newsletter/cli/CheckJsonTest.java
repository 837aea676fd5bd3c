package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code check --format json}: one JSON object a line, one line a check, nothing else on stdout. */
class CheckJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void everyCheckIsOneJsonObjectOnItsOwnLine() {
        SampleProject project = SampleProject.copyTo(temp);

        SampleProject.Run run = project.run(
                Map.of(), "check", project.resolve("issues/2024-fall.yaml").toString(), "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        List<JsonNode> lines = run.out().lines().map(JSON::readTree).toList();
        assertThat(lines)
                .extracting(line -> line.get("name").asString())
                .contains("list", "templates", "headers", "size", "links", "dkim", "subject");
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.propertyNames()).containsExactly("name", "status", "message", "details");
            assertThat(line.get("status").asString()).isIn("pass", "warn");
            assertThat(line.get("details").isArray()).isTrue();
        });
        assertThat(lines)
                .filteredOn(line -> line.get("name").asString().equals("dkim"))
                .singleElement()
                .satisfies(dkim -> {
                    assertThat(dkim.get("status").asString()).isEqualTo("warn");
                    assertThat(dkim.get("message").asString()).startsWith("not configured");
                });
    }

    @Test
    void aFailureIsInTheJsonAndInTheExitCode() {
        SampleProject project = SampleProject.copyTo(temp);
        project.append("subscribers/pdl-packet.csv", "not-an-address,Nobody,active,,\n");

        SampleProject.Run run = project.run(
                Map.of(), "check", project.resolve("issues/2024-fall.yaml").toString(), "--format", "json");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()
                        .lines()
                        .map(JSON::readTree)
                        .filter(l -> l.get("status").asString().equals("fail")))
                .singleElement()
                .satisfies(list -> {
                    assertThat(list.get("name").asString()).isEqualTo("list");
                    assertThat(list.get("details").get(0).asString()).contains("pdl-packet.csv:10");
                });
    }

    @Test
    void withoutSpamAssassinTheSpamCheckWarnsWithTheLineThatInstallsIt() {
        SampleProject project = SampleProject.copyTo(temp);

        SampleProject.Run run = project.run(
                Map.of("PATH", "/nonexistent"),
                "check",
                project.resolve("issues/2024-fall.yaml").toString(),
                "--format",
                "JSON",
                "--spam");

        assertThat(run.code()).isZero(); // no SpamAssassin on that PATH: a warning, not a failure
        assertThat(run.out()
                        .lines()
                        .map(JSON::readTree)
                        .filter(l -> l.get("name").asString().equals("spam")))
                .singleElement()
                .satisfies(spam -> {
                    assertThat(spam.get("status").asString()).isEqualTo("warn");
                    assertThat(spam.get("message").asString()).contains("apt-get install spamassassin");
                });
    }
}
