package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --spam} with the real SpamAssassin (Debian's {@code spamassassin}; CI installs it).
 * Skipped only when it is not installed.
 */
class SpamAssassinIT {
    /** SpamAssassin's standard test string: any message that carries it scores 1000. */
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private static final String PATH = System.getenv().getOrDefault("PATH", "");

    @TempDir
    Path temp;

    @BeforeEach
    void needsSpamAssassin() {
        assumeTrue(
                SpamAssassin.onPath(PATH, Duration.ofSeconds(1)).installed(),
                "spamassassin is not installed (" + SpamAssassin.INSTALL + "): skipped");
    }

    @Test
    void theSampleIssueScoresBelowTheDefaultThresholdAndTheReportListsTheRules() {
        SampleProject project = SampleProject.copyTo(temp);

        SampleProject.Run run = project.run(
                Map.of("PATH", PATH),
                "check",
                project.resolve("issues/2024-fall.yaml").toString(),
                "--spam");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .containsPattern(
                        "(?m)^  pass  spam +SpamAssassin scores it -?\\d+\\.\\d \\(check.spamThreshold 5\\.0\\)$");
    }

    @Test
    void aMessageSpamAssassinKnowsAsSpamScoresAboveAnyThreshold() throws IOException {
        byte[] message = ("From: a@example.org\r\nTo: b@example.org\r\nSubject: test\r\n\r\n" + GTUBE + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);

        SpamScore score =
                SpamAssassin.onPath(PATH, Duration.ofMinutes(2)).score(message).orElseThrow();

        assertThat(score.score()).isGreaterThanOrEqualTo(999);
        assertThat(score.rules()).extracting(SpamScore.Rule::name).contains("GTUBE");
        assertThat(SpamCheck.result(score, 5.0).severity()).isEqualTo(Severity.FAIL);
    }
}
