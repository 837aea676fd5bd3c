package dev.newsletter.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SpamAssassin's report, read and judged against the threshold, with a fake scorer. */
class SpamCheckTest {
    private static final RawMessage MESSAGE =
            RawMessage.of("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));

    private static String realOutput() throws IOException {
        try (InputStream in = SpamCheckTest.class.getResourceAsStream("/check/spamassassin-t.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheScoreAndEveryRuleFromSpamAssassinsReport() throws IOException {
        SpamScore score = SpamScore.parse(realOutput()).orElseThrow();

        assertThat(score.score()).isEqualTo(0.7);
        assertThat(score.rules())
                .extracting(SpamScore.Rule::name)
                .containsExactly("NO_RECEIVED", "MSGID_SHORT", "NO_RELAYS", "HTML_MESSAGE", "HTML_FONT_LOW_CONTRAST");
        assertThat(score.rules().get(4))
                .isEqualTo(new SpamScore.Rule(
                        "HTML_FONT_LOW_CONTRAST", 0.7, "BODY: HTML font color similar or identical to background"));
        assertThat(SpamScore.parse("no report here")).isEmpty();
    }

    @Test
    void aScoreAtOrBelowTheThresholdPassesAndListsTheRulesThatCount() throws IOException {
        CheckResult result = run(message -> SpamScore.parse(realOutput()), 5.0);

        assertThat(result.severity()).isEqualTo(Severity.PASS);
        assertThat(result.message()).isEqualTo("SpamAssassin scores it 0.7 (check.spamThreshold 5.0)");
        assertThat(result.details())
                .containsExactly(
                        "  0.7 HTML_FONT_LOW_CONTRAST: BODY: HTML font color similar or identical to background");
    }

    @Test
    void aScoreAboveTheThresholdFails() {
        SpamScore high = new SpamScore(
                6.2,
                List.of(
                        new SpamScore.Rule("BAYES_99", 3.5, "Bayes spam probability is 99 to 100%"),
                        new SpamScore.Rule("HTML_IMAGE_ONLY_08", 2.7, "BODY: HTML: images with 0-800 bytes of words"),
                        new SpamScore.Rule("DKIM_VALID", -0.1, "Message has at least one valid DKIM signature")));

        CheckResult result = run(message -> Optional.of(high), 5.0);

        assertThat(result.severity()).isEqualTo(Severity.FAIL);
        assertThat(result.message())
                .isEqualTo("SpamAssassin scores it 6.2, above check.spamThreshold 5.0:"
                        + " receivers are likely to file it as spam");
        assertThat(result.details()).hasSize(3).first().asString().contains("3.5 BAYES_99");
    }

    @Test
    void withoutSpamAssassinItWarnsWithTheLineThatInstallsIt() {
        CheckResult missing = run(message -> Optional.empty(), 5.0);
        CheckResult broken = run(
                message -> {
                    throw new IOException("spamassassin exited with 2");
                },
                5.0);

        assertThat(missing.severity()).isEqualTo(Severity.WARN);
        assertThat(missing.message()).contains("not installed").contains("sudo apt-get install spamassassin");
        assertThat(broken.severity()).isEqualTo(Severity.WARN);
        assertThat(broken.message()).contains("exited with 2");
    }

    @Test
    void aBinaryThatIsNotOnThePathIsNotInstalled() throws IOException {
        SpamAssassin none = SpamAssassin.onPath("/nonexistent:", java.time.Duration.ofSeconds(1));

        assertThat(none.installed()).isFalse();
        assertThat(none.score(MESSAGE.bytes())).isEmpty();
    }

    private static CheckResult run(SpamScorer scorer, double threshold) {
        List<CheckResult> results = new ArrayList<>();
        SpamCheck.spam(MESSAGE, threshold, scorer, results);
        assertThat(results).hasSize(1);
        return results.get(0);
    }
}
