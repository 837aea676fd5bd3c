package dev.newsletter.schedule;

import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
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
 * pre-send gate, with the issue file read afresh at every firing (edits up to the send time count)
 * and recipients in doubt resent (at least once), as {@code send} does by default.
 */
final class IssueSending implements Sending {
    private final Config config;
    private final Map<String, String> env;
    private final Clock clock;
    private final PreSendGate gate;

    IssueSending(Config config, Map<String, String> env, Clock clock, PreSendGate gate) {
        this.config = config;
        this.env = env;
        this.clock = clock;
        this.gate = gate;
    }

    @Override
    public MailingReport send(Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress) {
        Project project = Project.load(config, IssuePaths.resolve(config, firing.issue()));
        gate.check(project, firing.list());
        return new IssueSender(env, clock)
                .send(project, IssueSender.Request.everyone(firing.list()), stop, notes, progress);
    }
}
