package dev.newsletter.journal;

/**
 * A fast reading of the journal lines that make up nearly all of a journal: one flat JSON object,
 * written without spaces, whose values are strings without escapes or whole numbers (every {@code
 * attempt} and {@code result} line {@link JournalLineBuilder} writes for a plain reply). Anything
 * else — an escape, a decimal, a boolean, a nested value, a space, a torn end — is left to
 * Jackson ({@link JournalLine#parse}), so what this accepts reads exactly as Jackson reads it.
 * Jackson's streaming parser was a third of a million-recipient report.
 */
final class FlatLine {
    private FlatLine() {}

    /** The line's fields, or null when this reader does not handle the line (Jackson then reads it). */
    static JournalLine parse(String t) {
        int n = t.length();
        if (n < 2 || t.charAt(0) != '{' || t.charAt(n - 1) != '}') {
            return null;
        }
        String type = "", time = "", email = "", outcome = "", status = "", reply = "", messageId = "";
        String event = "", run = "", stopped = "";
        int code = 0, attempt = 0;
        int i = 1;
        if (i == n - 1) {
            return null; // {} : rare, Jackson's
        }
        while (true) {
            if (t.charAt(i) != '"') {
                return null;
            }
            int nameEnd = stringEnd(t, i + 1, n);
            if (nameEnd < 0 || nameEnd + 1 >= n || t.charAt(nameEnd + 1) != ':') {
                return null;
            }
            String name = t.substring(i + 1, nameEnd);
            int v = nameEnd + 2;
            if (v >= n) {
                return null;
            }
            String text = null;
            int number = 0;
            boolean isNumber;
            int end;
            char c = t.charAt(v);
            if (c == '"') {
                end = stringEnd(t, v + 1, n);
                if (end < 0) {
                    return null;
                }
                text = t.substring(v + 1, end);
                end++;
                isNumber = false;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                end = v + (c == '-' ? 1 : 0);
                int digits = 0;
                long value = 0;
                while (end < n && t.charAt(end) >= '0' && t.charAt(end) <= '9') {
                    value = value * 10 + (t.charAt(end) - '0');
                    end++;
                    digits++;
                }
                boolean leadingZero = digits > 1 && t.charAt(c == '-' ? v + 1 : v) == '0';
                if (digits == 0 || digits > 9 || leadingZero) {
                    return null; // a big number, or not one JSON allows: Jackson's
                }
                number = (int) (c == '-' ? -value : value);
                isNumber = true;
            } else {
                return null;
            }
            switch (name) {
                case "type", "time", "email", "outcome", "status", "reply", "messageId", "event", "run", "stopped" -> {
                    if (isNumber) {
                        return null; // a number where text belongs: Jackson's
                    }
                    switch (name) {
                        case "type" -> type = text;
                        case "time" -> time = text;
                        case "email" -> email = text;
                        case "outcome" -> outcome = text;
                        case "status" -> status = text;
                        case "reply" -> reply = text;
                        case "messageId" -> messageId = text;
                        case "event" -> event = text;
                        case "run" -> run = text;
                        default -> stopped = text;
                    }
                }
                case "code" -> code = isNumber ? number : 0;
                case "attempt" -> attempt = isNumber ? number : 0;
                default -> {
                    // other fields are not read back
                }
            }
            if (end == n - 1) {
                break;
            }
            if (t.charAt(end) != ',') {
                return null;
            }
            i = end + 1;
        }
        return new JournalLine(
                type,
                JournalLine.timeOf(time),
                email,
                outcome,
                code,
                status,
                reply,
                messageId,
                attempt,
                event,
                run,
                stopped);
    }

    /** The index of the quote that ends a string starting at {@code from}; -1 at an escape or a control character. */
    private static int stringEnd(String t, int from, int n) {
        for (int i = from; i < n; i++) {
            char c = t.charAt(i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' || c < 0x20) {
                return -1;
            }
        }
        return -1;
    }
}
