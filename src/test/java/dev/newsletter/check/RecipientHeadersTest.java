package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.app.Project;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} builds the headers of every recipient's message, not only the first one's. */
class RecipientHeadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-04T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(temp);
    }

    @Test
    void looksAtTheHeadersOfEveryRecipientAndReportsTheLongestLine() {
        sample.append(
                "subscribers/pdl-packet.csv",
                "long.name@example.org," + "N".repeat(200) + ",active,2024-09-02T10:15:00Z,,\n");

        CheckResult result = result(check(), "list-headers");

        assertThat(result.severity()).as(result.toString()).isEqualTo(Severity.PASS);
        assertThat(result.message()).contains("all 6 recipients");
        java.util.regex.Matcher longest = java.util.regex.Pattern.compile("longest header line ([0-9]+) characters")
                .matcher(result.message());
        assertThat(longest.find()).as(result.message()).isTrue();
        assertThat(Integer.parseInt(longest.group(1))).isLessThanOrEqualTo(998);
    }

    private CheckReport check() {
        Project project = Project.load(
                ConfigLoader.load(sample.resolve("config/newsletter.yaml")), sample.resolve("issues/2024-fall.yaml"));
        return new PreSendCheck(Map.of(), CLOCK, links -> Map.of(), name -> List.of())
                .run(project, new CheckOptions(null, Optional.empty(), false, Duration.ofSeconds(1)));
    }

    private static CheckResult result(CheckReport report, String name) {
        return report.results().stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " result in " + report.results()));
    }
}
