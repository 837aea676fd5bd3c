package dev.newsletter.schedule;

import dev.newsletter.app.Project;

/**
 * The check a firing must pass before it sends: the pre-send gate of {@code ./newsletter check},
 * which {@code send} also runs. A firing whose check fails sends nothing and is logged as failed,
 * with what failed.
 */
@FunctionalInterface
public interface PreSendGate {
    /** No gate: send after the checks IssueSender itself makes. */
    PreSendGate NONE = (project, list) -> {};

    /**
     * Checks the issue for the list.
     *
     * @throws dev.newsletter.input.InvalidInputException naming what failed
     */
    void check(Project project, String list);
}
