package dev.newsletter.check;

import java.util.List;

/**
 * Every check's result for one issue and list, in the order they ran.
 *
 * @param subject what was checked, e.g. {@code "The PDL Packet — Fall 2024" to list pdl-packet}
 */
public record CheckReport(String subject, List<CheckResult> results) {
    public CheckReport {
        results = List.copyOf(results);
    }

    /** Whether any check failed: a send must not go ahead. */
    public boolean failed() {
        return count(Severity.FAIL) > 0;
    }

    public long count(Severity severity) {
        return results.stream().filter(r -> r.severity() == severity).count();
    }

    /** The one-line verdict: {@code 2 warnings, no failures: ready to send}. */
    public String summary() {
        long fails = count(Severity.FAIL);
        long warns = count(Severity.WARN);
        String warnings = warns == 1 ? "1 warning" : warns + " warnings";
        if (fails == 0) {
            return warnings + ", no failures: ready to send";
        }
        return (fails == 1 ? "1 failure" : fails + " failures") + ", " + warnings + ": not ready to send";
    }
}
