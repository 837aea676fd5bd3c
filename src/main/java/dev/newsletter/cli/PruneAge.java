package dev.newsletter.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The age of {@code subscribers prune --pending-older-than}: {@code 30d}, {@code 12h} or {@code 90m}. */
final class PruneAge {
    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([dhm])");

    private PruneAge() {}

    /**
     * The age as a duration.
     *
     * @throws ParameterException for anything else, or zero (exit 2)
     */
    static Duration parse(CommandLine command, String text) {
        Matcher m = AGE.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new ParameterException(
                    command, "--pending-older-than '" + text + "' is not an age; write it like 30d, 12h or 90m");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
