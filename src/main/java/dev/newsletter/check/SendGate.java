package dev.newsletter.check;

import dev.newsletter.app.Project;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The one pre-send gate: the check of {@code ./newsletter check}, offline (no link probing), that
 * {@code send} (also {@code --dry-run}), every scheduled firing and the daemon's start-up try of each
 * schedule pass before sending. A failed check blocks the send, unless the gate is {@link #forced}
 * ({@code send --force}): then it is reported and the send goes ahead.
 */
public final class SendGate {
    private final PreSendCheck check;
    private final boolean forced;

    private SendGate(Map<String, String> env, Clock clock, boolean forced) {
        this.check = PreSendCheck.standard(env, clock, Duration.ofSeconds(10));
        this.forced = forced;
    }

    /** A failed check sends nothing. */
    public static SendGate blocking(Map<String, String> env, Clock clock) {
        return new SendGate(env, clock, false);
    }

    /** A failed check is reported, and the send goes ahead anyway ({@code --force}). */
    public static SendGate forced(Map<String, String> env, Clock clock) {
        return new SendGate(env, clock, true);
    }

    /** What the gate decided about a send, and the check it decided on. */
    public enum Decision {
        /** No check failed. */
        PASSED,
        /** A check failed, and the gate is forced: send anyway. */
        FORCED,
        /** A check failed: send nothing. */
        REFUSED
    }

    /** The gate's decision and the check report behind it (to print; warnings included). */
    public record Verdict(CheckReport report, Decision decision) {
        public boolean allowsSend() {
            return decision != Decision.REFUSED;
        }
    }

    /** Checks the issue for the list (null: the config's default list). */
    public Verdict check(Project project, String list) {
        CheckReport report = check.run(project, CheckOptions.offline(list));
        Decision decision = !report.failed() ? Decision.PASSED : forced ? Decision.FORCED : Decision.REFUSED;
        return new Verdict(report, decision);
    }

    /**
     * Checks the issue for the list, for a send that has no one to show the report to (a scheduled
     * firing): a refusal is an exception naming every failed check.
     *
     * @throws InvalidInputException when the gate refuses the send
     */
    public void require(Project project, String list) {
        Verdict verdict = check(project, list);
        if (!verdict.allowsSend()) {
            throw new InvalidInputException(verdict.report().results().stream()
                    .filter(result -> result.severity() == Severity.FAIL)
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
