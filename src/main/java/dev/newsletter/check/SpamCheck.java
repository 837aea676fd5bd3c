package dev.newsletter.check;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code spam} (with {@code check --spam}): SpamAssassin's score of the message as it would be
 * sent, and each rule that matched. Above {@code check.spamThreshold} it fails; without SpamAssassin
 * it warns, with the line that installs it.
 */
final class SpamCheck {
    static final String NAME = "spam";

    private SpamCheck() {}

    static void spam(RawMessage message, double threshold, SpamScorer scorer, List<CheckResult> results) {
        Optional<SpamScore> score;
        try {
            score = scorer.score(message.bytes());
        } catch (IOException e) {
            results.add(CheckResult.warn(NAME, "SpamAssassin could not score the message: " + e.getMessage()));
            return;
        }
        if (score.isEmpty()) {
            results.add(CheckResult.warn(
                    NAME, "SpamAssassin is not installed, so the message was not scored: " + SpamAssassin.INSTALL));
            return;
        }
        results.add(result(score.get(), threshold));
    }

    static CheckResult result(SpamScore score, double threshold) {
        List<String> rules = score.rules().stream()
                .filter(rule -> rule.points() != 0)
                .sorted(Comparator.comparingDouble(SpamScore.Rule::points).reversed())
                .map(rule -> String.format(Locale.ROOT, "%5.1f %s: %s", rule.points(), rule.name(), rule.description()))
                .toList();
        String scored = "SpamAssassin scores it " + points(score.score());
        CheckResult result = score.score() > threshold
                ? CheckResult.fail(
                        NAME,
                        scored + ", above check.spamThreshold " + points(threshold)
                                + ": receivers are likely to file it as spam")
                : CheckResult.pass(NAME, scored + " (check.spamThreshold " + points(threshold) + ")");
        return result.with(rules);
    }

    private static String points(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
