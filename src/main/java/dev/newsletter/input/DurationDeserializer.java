package dev.newsletter.input;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/** Reads durations as people write them in config files: {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 2d}. */
final class DurationDeserializer extends ValueDeserializer<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext ctxt) {
        String text = parser.getValueAsString();
        Duration duration = parse(text);
        if (duration == null) {
            return ctxt.reportInputMismatch(
                    Duration.class, "'%s' is not a duration; write it like 500ms, 2s, 10m, 1h or 2d", text);
        }
        return duration;
    }

    static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SHORT.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
