package dev.newsletter.bounce;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The soft bounces {@code inbox scan --apply} has seen ({@code var/bounces.jsonl}, one line each),
 * and the rule that turns them into a suppression: {@code limit} soft bounces from distinct issues
 * within {@code window}. Each (message, address) is recorded once, so a message applied again after a
 * crash (before it was marked processed) neither adds a line nor counts twice; a soft bounce whose
 * issue is unknown is recorded but not counted, since when unsure an address is not suppressed.
 */
public final class SoftBounces {
    private final JsonLinesFile file;
    private final int limit;
    private final Duration window;
    private Map<String, List<Seen>> seen;
    private final Set<String> recorded = new HashSet<>();

    public SoftBounces(Path file, int limit, Duration window) {
        this.file = new JsonLinesFile(file);
        this.limit = limit;
        this.window = window;
    }

    int limit() {
        return limit;
    }

    /**
     * Records one soft bounce of {@code key} (the address's {@code EmailAddress.key()}) from the
     * message known as {@code message}, once: the same message and address again (a run that died
     * before the message was marked processed, applying it again) is not written a second time.
     */
    void record(String key, String message, ScanLine line, Instant at) {
        seen();
        if (!recorded.add(message + "\n" + key)) {
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("at", at.toString());
        record.put("message", message);
        record.put("address", key);
        record.put("recipient", line.recipient());
        record.put("status", line.status());
        record.put("issue", line.issue());
        record.put("list", line.list());
        record.put("messageId", line.messageId());
        record.put("source", line.source());
        record.put("diagnostic", line.diagnostic());
        file.append(record);
        if (line.issue() != null) {
            seen().computeIfAbsent(key, k -> new ArrayList<>()).add(new Seen(at, line.issue()));
        }
    }

    /** The distinct issues {@code key} soft-bounced from in the window that ends at {@code now}. */
    int issues(String key, Instant now) {
        Instant since = now.minus(window);
        Set<String> issues = new HashSet<>();
        for (Seen seen : seen().getOrDefault(key, List.of())) {
            if (!seen.at().isBefore(since) && !seen.at().isAfter(now)) {
                issues.add(seen.issue());
            }
        }
        return issues.size();
    }

    private record Seen(Instant at, String issue) {}

    /** The file's soft bounces with a known issue, by address, read once (a scan may count thousands). */
    private Map<String, List<Seen>> seen() {
        if (seen == null) {
            seen = new HashMap<>();
            file.forEach(record -> {
                String address = JsonLinesFile.string(record, "address");
                String message = JsonLinesFile.string(record, "message");
                if (address != null && message != null) {
                    recorded.add(message + "\n" + address);
                }
                String issue = JsonLinesFile.string(record, "issue");
                String at = JsonLinesFile.string(record, "at");
                if (address == null || issue == null || at == null) {
                    return;
                }
                try {
                    seen.computeIfAbsent(address, k -> new ArrayList<>()).add(new Seen(Instant.parse(at), issue));
                } catch (DateTimeParseException e) {
                    // a line written by hand or torn: not counted
                }
            });
        }
        return seen;
    }
}
