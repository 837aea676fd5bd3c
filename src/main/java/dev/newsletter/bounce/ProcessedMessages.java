package dev.newsletter.bounce;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The messages {@code inbox scan --apply} has dealt with ({@code var/inbox/processed.jsonl}), one
 * record each, keyed by the message's own Message-ID or, when it has none, a hash of its bytes; each
 * record also says what was done for every line. A message recorded here is never applied again.
 */
public final class ProcessedMessages {
    private final JsonLinesFile file;
    private final Set<String> keys = new HashSet<>();

    private ProcessedMessages(JsonLinesFile file) {
        this.file = file;
    }

    /** Reads the record file ({@code var/inbox/processed.jsonl}); a missing one is empty. */
    public static ProcessedMessages open(Path file) {
        ProcessedMessages processed = new ProcessedMessages(new JsonLinesFile(file));
        processed.file.forEach(record -> {
            String key = JsonLinesFile.string(record, "key");
            if (key != null) {
                processed.keys.add(key);
            }
        });
        return processed;
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    void record(String key, String source, Instant at, List<ScanLine> lines) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("key", key);
        record.put("source", source);
        record.put("at", at.toString());
        record.put(
                "lines",
                lines.stream()
                        .map(line -> {
                            Map<String, Object> done = new LinkedHashMap<>();
                            done.put("kind", line.kind().label());
                            done.put("recipient", line.recipient());
                            done.put("status", line.status());
                            done.put("issue", line.issue());
                            done.put("list", line.list());
                            done.put("action", line.action());
                            done.put("result", line.result());
                            return done;
                        })
                        .toList());
        file.append(record);
        keys.add(key);
    }

    /**
     * One line of a processed message's record, as written ({@code null} where the record has none):
     * for reports, which count bounces, complaints and unsubscribes per issue from these records.
     */
    public record Line(
            String at, String source, String kind, String recipient, String status, String issue, String list) {}

    /** Calls {@code action} with every line of every record in {@code file}, in file order; a missing file has none. */
    public static void forEachLine(Path file, Consumer<Line> action) {
        new JsonLinesFile(file).forEach(record -> {
            JsonNode lines = record.get("lines");
            if (lines == null || !lines.isArray()) {
                return;
            }
            String at = JsonLinesFile.string(record, "at");
            String source = JsonLinesFile.string(record, "source");
            for (JsonNode line : lines) {
                if (line.isObject()) {
                    action.accept(new Line(
                            at,
                            source,
                            JsonLinesFile.string(line, "kind"),
                            JsonLinesFile.string(line, "recipient"),
                            JsonLinesFile.string(line, "status"),
                            JsonLinesFile.string(line, "issue"),
                            JsonLinesFile.string(line, "list")));
                }
            }
        });
    }
}
