package dev.newsletter.schedule;

import dev.newsletter.app.Project;
import dev.newsletter.check.CheckOptions;
import dev.newsletter.check.CheckReport;
import dev.newsletter.check.CheckResult;
import dev.newsletter.check.PreSendCheck;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The pre-send check of {@code ./newsletter check} (offline: no link probing), as the gate every
 * scheduled firing passes before it sends: a failed check sends nothing and names what failed.
 */
final class CheckGate implements PreSendGate {
    private final PreSendCheck check;

    CheckGate(Map<String, String> env, Clock clock) {
        this.check = PreSendCheck.standard(env, clock, Duration.ofSeconds(10));
    }

    @Override
    public void check(Project project, String list) {
        CheckReport report = check.run(project, CheckOptions.offline(list));
        if (report.failed()) {
            throw new InvalidInputException(report.results().stream()
                    .filter(result -> result.status() == dev.newsletter.check.Status.FAIL)
                    .map(result -> problem(project, result))
                    .toList());
        }
    }

    private static Problem problem(Project project, CheckResult result) {
        String details = result.details().isEmpty() ? "" : " (" + String.join("; ", result.details()) + ")";
        return Problem.inFile(
                project.config().projectDir(),
                "pre-send check '" + result.name() + "' failed: " + result.message() + details);
    }
}
