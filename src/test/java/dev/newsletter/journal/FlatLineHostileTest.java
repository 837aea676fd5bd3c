package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile journal lines built at random from pieces a damaged or hand-edited journal may hold:
 * escapes, unicode escapes, raw U+2028, fields in any order and repeated, unknown fields, numbers as
 * strings, odd numbers, spaces, a BOM, a CR, a torn end. Whatever the fast reader does with a line,
 * the result is exactly Jackson's.
 */
class FlatLineHostileTest {
    private static final List<String> NAMES = List.of(
            "type",
            "time",
            "email",
            "outcome",
            "code",
            "status",
            "reply",
            "messageId",
            "attempt",
            "event",
            "run",
            "stopped",
            "ms",
            "",
            "ty\\u0070e",
            "c\\\"ode",
            "TYPE",
            "co de");

    private static final List<String> VALUES = List.of(
            "\"attempt\"",
            "\"result\"",
            "\"2026-11-02T10:00:01Z\"",
            "\"2026-11-02T10:00:01.123456789Z\"",
            "\"2026-02-30T10:00:01Z\"",
            "\"2026-11-02T10:00:01+01:00\"",
            "\"a@example.org\"",
            "\"550 5.1.1 \\\"quoted\\\" \\\\ back\"",
            "\"\\u0041\\u00e9\\ud83d\\ude00\"",
            "\"\\u2028 raw \u2028 sep \u2029\"",
            "\"<script>alert(1)</script>\"",
            "\"=cmd|' /C calc'!A0\"",
            "\"\u202e bidi \u200f\"",
            "\"\uFEFF\"",
            "\"\"",
            "\"550\"",
            "\"\\/\"",
            "\"\\x\"",
            "\"\u007f\"",
            "\"tab\there\"",
            "0",
            "-0",
            "7",
            "-1",
            "550",
            "999999999",
            "-999999999",
            "1000000000",
            "2147483647",
            "2147483648",
            "-2147483649",
            "12345678901",
            "0550",
            "-",
            "1.0",
            "1e2",
            "1E+2",
            "-0.0",
            "true",
            "false",
            "null",
            "{}",
            "{\"a\":[1,{\"b\":\"c\"}]}",
            "[]",
            "[1,\"x\"]",
            "NaN",
            "'x'",
            "+1");

    @Test
    void randomHostileLinesReadExactlyAsJacksonReadsThem() {
        Random random = new Random(16);
        int fast = 0;
        for (int i = 0; i < 60_000; i++) {
            String line = line(random);
            JournalLine expected = JournalLine.parseWithJackson(line);
            assertThat(JournalLine.parse(line)).as(line).isEqualTo(expected);
            if (FlatLine.parse(line) != null) {
                fast++;
            }
        }
        assertThat(fast).as("lines the fast reader took").isGreaterThan(3_000);
    }

    @Test
    void theFastTimeReadingGivesWhatInstantParseGives() {
        Random random = new Random(17);
        String digits = "0123456789";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder t = new StringBuilder(java.time.Instant.ofEpochSecond(
                            random.nextLong(-62_000_000_000L, 250_000_000_000L), random.nextInt(1_000_000_000))
                    .toString());
            int edits = random.nextInt(3);
            for (int e = 0; e < edits && t.length() > 0; e++) {
                int at = random.nextInt(t.length());
                switch (random.nextInt(4)) {
                    case 0 -> t.setCharAt(at, digits.charAt(random.nextInt(10)));
                    case 1 -> t.deleteCharAt(at);
                    case 2 -> t.insert(at, digits.charAt(random.nextInt(10)));
                    default -> t.setCharAt(at, ".:-TZ,+ \u0663".charAt(random.nextInt(9)));
                }
            }
            String text = t.toString();
            java.time.Instant expected;
            try {
                expected = java.time.Instant.parse(text);
            } catch (java.time.format.DateTimeParseException e) {
                expected = java.time.Instant.EPOCH;
            }
            assertThat(JournalLine.timeOf(text)).as(text).isEqualTo(expected);
        }
    }

    private static String line(Random random) {
        StringBuilder line = new StringBuilder();
        if (random.nextInt(40) == 0) {
            line.append('\uFEFF');
        }
        if (random.nextInt(40) == 0) {
            line.append(' ');
        }
        line.append('{');
        int fields = random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            if (f > 0) {
                line.append(random.nextInt(60) == 0 ? ", " : ",");
            }
            String name =
                    random.nextInt(4) == 0 ? NAMES.get(random.nextInt(NAMES.size())) : NAMES.get(random.nextInt(12));
            line.append('"').append(name).append('"');
            line.append(random.nextInt(60) == 0 ? " : " : ":");
            line.append(VALUES.get(random.nextInt(VALUES.size())));
        }
        if (random.nextInt(60) == 0) {
            line.append(',');
        }
        line.append('}');
        switch (random.nextInt(30)) {
            case 0 -> line.append('\r');
            case 1 -> line.append("}");
            case 2 -> line.append(" ");
            case 3 -> line.setLength(random.nextInt(line.length()));
            case 4 -> line.append("{}");
            default -> {
                // whole
            }
        }
        return line.toString();
    }
}
