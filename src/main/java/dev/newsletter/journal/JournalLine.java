package dev.newsletter.journal;

import dev.newsletter.mailing.Outcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The fields of one journal line that anything reads back; absent ones are empty or 0. Parsed with
 * Jackson's streaming parser (no tree per line: a million-recipient journal is two million lines).
 * Lines are written by {@link JournalLineBuilder}.
 */
record JournalLine(
        String type,
        Instant time,
        String email,
        String outcomeLabel,
        int code,
        String status,
        String reply,
        String messageId,
        int attempt,
        String event,
        String run,
        String stopped) {
    private static final JsonFactory JSON = new JsonFactory();

    /** The result's outcome; a missing or unknown label reads as failed (never final). */
    Outcome outcome() {
        switch (outcomeLabel) {
            case "accepted" -> {
                return Outcome.ACCEPTED; // the common labels without Enum.valueOf's map lookup
            }
            case "deferred" -> {
                return Outcome.DEFERRED;
            }
            case "rejected" -> {
                return Outcome.REJECTED;
            }
            default -> {
                // below
            }
        }
        try {
            return Outcome.ofLabel(outcomeLabel.isEmpty() ? "failed" : outcomeLabel);
        } catch (IllegalArgumentException e) {
            return Outcome.FAILED;
        }
    }

    /** The line's fields, or null when it is not one complete JSON object. */
    static JournalLine parse(String text) {
        JournalLine flat = FlatLine.parse(text);
        return flat != null ? flat : parseWithJackson(text);
    }

    /** {@link #parse} through Jackson alone: any JSON at all. */
    static JournalLine parseWithJackson(String text) {
        String type = "", time = "", email = "", outcome = "", status = "", reply = "", messageId = "";
        String event = "", run = "", stopped = "";
        int code = 0, attempt = 0;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                switch (name) {
                    case "type" -> type = parser.getString();
                    case "time" -> time = parser.getString();
                    case "email" -> email = parser.getString();
                    case "outcome" -> outcome = parser.getString();
                    case "code" -> code = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "status" -> status = parser.getString();
                    case "reply" -> reply = parser.getString();
                    case "messageId" -> messageId = parser.getString();
                    case "attempt" -> attempt = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "event" -> event = parser.getString();
                    case "run" -> run = parser.getString();
                    case "stopped" -> stopped = parser.getString();
                    default -> {
                        // other fields (timing, run details) are not read back
                    }
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
        } catch (JacksonException e) {
            return null;
        }
        return new JournalLine(
                type, timeOf(time), email, outcome, code, status, reply, messageId, attempt, event, run, stopped);
    }

    static Instant timeOf(String text) {
        if (text == null || text.isEmpty()) {
            return Instant.EPOCH;
        }
        Instant fast = utc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /**
     * The instant of {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, the form {@link Instant#toString} writes
     * (every journal time), read digit by digit; null for anything else, which {@link Instant#parse}
     * then reads. {@code Instant.parse} took a quarter of a report's time.
     */
    static Instant utc(String t) {
        int length = t.length();
        if (length < 20
                || length > 30
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21; // between the '.' and the 'Z'
            if (t.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(t, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number written with {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String t, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
