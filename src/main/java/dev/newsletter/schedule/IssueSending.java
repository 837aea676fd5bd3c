package dev.newsletter.schedule;

import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.check.SendGate;
import dev.newsletter.config.Config;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * The real send: the same {@link IssueSender} as {@code ./newsletter send}, after the same
 * {@link SendGate}, with the issue file read afresh at every firing (edits up to the send time count)
 * and recipients in doubt resent (at least once), as {@code send} does by default.
 */
final class IssueSending implements Sending {
    private final Config config;
    private final IssueSender sender;
    private final SendGate gate;

    IssueSending(Config config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.sender = new IssueSender(env, clock);
        this.gate = SendGate.blocking(env, clock);
    }

    @Override
    public MailingReport send(Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress) {
        Project project = Project.load(config, IssuePaths.resolve(config, firing.issue()));
        gate.require(project, firing.list());
        return sender.send(project, IssueSender.Request.everyone(firing.list()), stop, notes, progress);
    }

    /**
     * Tries a schedule the way its firing will, sending nothing: the gate, then a dry run of one
     * message (the issue, templates, list and secrets are checked, nothing is sent or recorded).
     *
     * @throws dev.newsletter.input.InvalidInputException naming what would make the firing fail
     */
    void tryOut(String issue, String list) {
        Project project = Project.load(config, IssuePaths.resolve(config, issue));
        gate.require(project, list);
        sender.send(
                project,
                IssueSender.Request.dryRun(list).limitedTo(1),
                new StopSignal(),
                note -> {},
                total -> Progress.none());
    }
}
