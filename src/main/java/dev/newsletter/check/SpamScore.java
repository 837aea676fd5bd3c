package dev.newsletter.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SpamAssassin said about a message: its score and each rule that matched, read from the
 * report that {@code spamassassin -t} appends:
 *
 * <pre>
 * Content analysis details:   (0.7 points, 5.0 required)
 *
 *  pts rule name              description
 * ---- ---------------------- --------------------------------------------------
 *  0.0 HTML_MESSAGE           BODY: HTML included in message
 *  0.7 HTML_FONT_LOW_CONTRAST BODY: HTML font color similar or identical to
 *                             background
 * </pre>
 */
public record SpamScore(double score, List<Rule> rules) {
    private static final Pattern TOTAL = Pattern.compile("Content analysis details:\\s+\\((-?[0-9.]+) points");
    private static final Pattern ROW = Pattern.compile("^\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s+([A-Za-z0-9_]+)\\s*(.*)$");

    public SpamScore {
        rules = List.copyOf(rules);
    }

    /** One rule that matched: its points (negative ones lower the score) and what it means. */
    public record Rule(String name, double points, String description) {}

    /** Reads the report out of {@code spamassassin -t} output; empty when it has none. */
    public static Optional<SpamScore> parse(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher total = TOTAL.matcher(lines.get(i));
            if (total.find()) {
                return Optional.of(new SpamScore(Double.parseDouble(total.group(1)), rules(lines, i + 1)));
            }
        }
        return Optional.empty();
    }

    private static List<Rule> rules(List<String> lines, int from) {
        int start = from;
        while (start < lines.size() && !lines.get(start).startsWith("----")) {
            start++;
        }
        List<Rule> rules = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            if (row.matches()) {
                rules.add(new Rule(
                        row.group(2),
                        Double.parseDouble(row.group(1)),
                        row.group(3).strip()));
            } else if (!rules.isEmpty()) {
                Rule last = rules.remove(rules.size() - 1);
                rules.add(new Rule(
                        last.name(),
                        last.points(),
                        (last.description() + " " + lines.get(i).strip()).strip()));
            }
        }
        return rules;
    }
}
