package dev.newsletter.journal;

import dev.newsletter.mailing.Outcome;
import java.time.Instant;
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
        try {
            return Outcome.ofLabel(outcomeLabel.isEmpty() ? "failed" : outcomeLabel);
        } catch (IllegalArgumentException e) {
            return Outcome.FAILED;
        }
    }

    /** The line's fields, or null when it is not one complete JSON object. */
    static JournalLine parse(String text) {
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
                type, time(time), email, outcome, code, status, reply, messageId, attempt, event, run, stopped);
    }

    private static Instant time(String text) {
        try {
            return text == null || text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
