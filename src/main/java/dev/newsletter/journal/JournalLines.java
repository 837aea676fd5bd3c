package dev.newsletter.journal;

import dev.newsletter.mailing.Outcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads a journal's lines one at a time; a line that does not parse (torn by a crash) is counted and skipped. */
final class JournalLines {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JournalLines() {}

    /** One journal line. {@code node} has every field, for the report. */
    record Line(String type, Instant time, String email, JsonNode node) {
        Outcome outcome() {
            try {
                return Outcome.ofLabel(node.path("outcome").asString("failed"));
            } catch (IllegalArgumentException e) {
                return Outcome.FAILED;
            }
        }

        int code() {
            return node.path("code").asInt(0);
        }

        String text(String field) {
            return node.path(field).asString("");
        }
    }

    static void forEach(Path file, Runnable torn, Consumer<Line> action) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            while ((text = reader.readLine()) != null) {
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(text);
                } catch (JacksonException e) {
                    torn.run();
                    continue;
                }
                if (!node.isObject()) {
                    torn.run();
                    continue;
                }
                action.accept(new Line(
                        node.path("type").asString(""),
                        time(node.path("time").asString("")),
                        node.path("email").asString(""),
                        node));
            }
        } catch (NoSuchFileException e) {
            // no journal yet: nothing sent
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    private static Instant time(String text) {
        try {
            return text.isEmpty() ? Instant.EPOCH : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
