package dev.newsletter.schedule;

import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
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
    public Send prepare(Firing firing) {
        IssueSender sender = new IssueSender(env, clock);
        return new Send() {
            @Override
            public MailingReport run(Consumer<String> notes, LongFunction<Progress> progress) {
                Project project = Project.load(config, IssuePaths.resolve(config, firing.issue()));
                gate.check(project, firing.list());
                IssueSender.Request request = IssueSender.Request.everyone(firing.list());
                return sender.send(project, request, notes, progress);
            }

            @Override
            public void stop(String reason) {
                sender.stop(reason);
            }
        };
    }
}
