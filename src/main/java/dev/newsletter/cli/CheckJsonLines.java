package dev.newsletter.cli;

import dev.newsletter.check.CheckReport;
import dev.newsletter.check.CheckResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code check --format json}: JSON Lines, one object per check, in the order the checks ran, and
 * nothing else on standard output, so CI can read it line by line ({@code jq -c 'select(.status ==
 * "fail")'}) or as a whole ({@code jq -s}). Each object: {@code name}, {@code status} ({@code pass},
 * {@code warn} or {@code fail}), {@code message}, {@code details} (an array of lines, maybe empty).
 * The verdict is the exit code, as for the text format.
 */
final class CheckJsonLines {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CheckJsonLines() {}

    static void print(PrintWriter out, CheckReport report) {
        for (CheckResult result : report.results()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("name", result.name());
            line.put("status", result.severity().label());
            line.put("message", result.message());
            line.put("details", result.details());
            out.println(MAPPER.writeValueAsString(line));
        }
        out.flush();
    }
}
