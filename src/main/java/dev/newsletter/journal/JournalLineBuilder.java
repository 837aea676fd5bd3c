package dev.newsletter.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Builds one journal line, the one way every line is written (attempt, result, run start, run end):
 * a JSON object on one line, ended by a newline, as the UTF-8 bytes to append in one write.
 *
 * <pre>{"type":"attempt","time":"2026-11-02T10:00:00Z","email":"a@example.org","messageId":"&lt;1@x&gt;","attempt":1}</pre>
 *
 * Built by hand rather than through Jackson: attempt and result lines are most of the journal, one
 * pair per message. Text is escaped as JSON requires ({@code "}, {@code \}, control characters),
 * and U+2028/U+2029 too, so that a line never holds a character some tools take for a line end.
 * The text of a run line's {@link #fields} is escaped as Jackson escaped it when it wrote run lines,
 * so that those lines keep their bytes too.
 */
final class JournalLineBuilder {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder line = new StringBuilder(256);

    private JournalLineBuilder(String type, Instant time) {
        line.append("{\"type\":\"").append(type).append('"');
        text("time", time.toString());
    }

    /** A line of {@code type} ({@code attempt}, {@code result}, {@code run}) written at {@code time}. */
    static JournalLineBuilder of(String type, Instant time) {
        return new JournalLineBuilder(type, time);
    }

    JournalLineBuilder text(String name, String value) {
        name(name);
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
        return this;
    }

    JournalLineBuilder number(String name, long value) {
        name(name);
        line.append(value);
        return this;
    }

    /**
     * The fields of {@code values} in their order: text, whole numbers, decimals ({@link
     * Double#toString}) and booleans; what a run line tells about its run.
     *
     * @throws IllegalArgumentException for a value of another type
     */
    JournalLineBuilder fields(Map<String, ?> values) {
        values.forEach(this::field);
        return this;
    }

    private void field(String name, Object value) {
        if (value instanceof String text) {
            jacksonText(name, text);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            number(name, ((Number) value).longValue());
        } else if (value instanceof Double decimal && Double.isFinite(decimal)) {
            name(name);
            line.append(Double.toString(decimal));
        } else if (value instanceof Boolean bool) {
            name(name);
            line.append(bool.booleanValue());
        } else {
            throw new IllegalArgumentException("a journal line holds text, numbers and booleans, not " + value);
        }
    }

    /**
     * Text as Jackson's JSON writer escaped it in run lines before: {@code \\b} {@code \\f} short like
     * {@code \\t} {@code \\n} {@code \\r}, other control characters and lone surrogates in upper-case
     * hex, U+2028/U+2029 as they are.
     */
    private void jacksonText(String name, String value) {
        name(name);
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\b' -> line.append("\\b");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\f' -> line.append("\\f");
                case '\r' -> line.append("\\r");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        line.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c)) {
                        line.append("\\u")
                                .append(HEX[c >> 12 & 0xF])
                                .append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF])
                                .append(HEX[c & 0xF]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private void name(String name) {
        line.append(",\"").append(name).append("\":");
    }

    /** The line's UTF-8 bytes, ending in a newline. */
    byte[] bytes() {
        line.append("}\n");
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }
}
