package dev.newsletter.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();

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
        quoted(name, value, Escaping.LINES);
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
            quoted(name, text, Escaping.AS_JACKSON_DID);
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

    /** The text as a JSON string: quote, backslash, {@code \\n \\r \\t} short; the rest as {@code escaping} says. */
    private void quoted(String name, String value, Escaping escaping) {
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
                default -> i = escaping.append(value, i, line);
            }
        }
        line.append('"');
    }

    /** How the two kinds of text differ: in other control characters, U+2028/U+2029 and surrogates. */
    private enum Escaping {
        /** What {@link #text} writes: control characters and U+2028/U+2029 in lower-case hex. */
        LINES {
            @Override
            int append(String value, int i, StringBuilder out) {
                char c = value.charAt(i);
                if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                    unicode(c, LOWER_HEX, out);
                } else {
                    out.append(c);
                }
                return i;
            }
        },
        /**
         * Run lines' fields, as Jackson's JSON writer escaped them before: {@code \\b} {@code \\f}
         * short too, other control characters and lone surrogates in upper-case hex, U+2028/U+2029 as
         * they are.
         */
        AS_JACKSON_DID {
            @Override
            int append(String value, int i, StringBuilder out) {
                char c = value.charAt(i);
                if (c == '\b') {
                    out.append("\\b");
                } else if (c == '\f') {
                    out.append("\\f");
                } else if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    out.append(c).append(value.charAt(++i));
                } else if (c < 0x20 || Character.isSurrogate(c)) {
                    unicode(c, UPPER_HEX, out);
                } else {
                    out.append(c);
                }
                return i;
            }
        };

        /** Appends the character at {@code i}, escaped if need be, and returns the index of its last char. */
        abstract int append(String value, int i, StringBuilder out);

        private static void unicode(char c, char[] hex, StringBuilder out) {
            out.append("\\u")
                    .append(hex[c >> 12 & 0xF])
                    .append(hex[c >> 8 & 0xF])
                    .append(hex[c >> 4 & 0xF])
                    .append(hex[c & 0xF]);
        }
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
