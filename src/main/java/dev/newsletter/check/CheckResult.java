package dev.newsletter.check;

import java.util.List;

/**
 * One check's outcome.
 *
 * @param name short and stable, e.g. {@code size}, {@code dkim}
 * @param message one line saying what was found
 * @param details further lines (offending links, template errors with file and line), may be empty
 */
public record CheckResult(String name, Severity severity, String message, List<String> details) {
    public CheckResult {
        details = List.copyOf(details);
    }

    static CheckResult pass(String name, String message) {
        return new CheckResult(name, Severity.PASS, message, List.of());
    }

    static CheckResult warn(String name, String message) {
        return new CheckResult(name, Severity.WARN, message, List.of());
    }

    static CheckResult fail(String name, String message) {
        return new CheckResult(name, Severity.FAIL, message, List.of());
    }

    CheckResult with(List<String> moreDetails) {
        return new CheckResult(name, severity, message, moreDetails);
    }
}
