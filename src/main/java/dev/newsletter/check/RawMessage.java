package dev.newsletter.check;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The composed message's bytes, as they would go out, with its top-level header fields parsed (unfolded). */
record RawMessage(byte[] bytes, List<Field> fields) {

    record Field(String name, String value) {}

    static RawMessage of(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        List<Field> fields = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                Field last = fields.remove(fields.size() - 1);
                fields.add(new Field(last.name(), last.value() + " " + line.strip()));
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.add(new Field(
                            line.substring(0, colon), line.substring(colon + 1).strip()));
                }
            }
        }
        return new RawMessage(bytes, List.copyOf(fields));
    }

    Optional<String> header(String name) {
        return fields.stream()
                .filter(f -> f.name().equalsIgnoreCase(name))
                .map(Field::value)
                .findFirst();
    }

    long count(String name) {
        return fields.stream().filter(f -> f.name().equalsIgnoreCase(name)).count();
    }

    int size() {
        return bytes.length;
    }

    /** The longest line, in bytes, without its CRLF. */
    int longestLine() {
        int longest = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                longest = Math.max(longest, i - start - (i > 0 && bytes[i - 1] == '\r' ? 1 : 0));
                start = i + 1;
            }
        }
        return Math.max(longest, bytes.length - start);
    }

    /** How many CR not followed by LF, or LF not preceded by CR. */
    int bareLineBreaks() {
        int bare = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                bare++;
            }
            if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
                bare++;
            }
        }
        return bare;
    }
}
