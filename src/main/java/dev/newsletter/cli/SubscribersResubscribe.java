package dev.newsletter.cli;

import dev.newsletter.subscriber.ListEditor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "resubscribe",
        mixinStandardHelpOptions = true,
        description = {
            "Make a subscriber active again and lift the suppression.",
            "The address is removed from the suppression list. Only for someone who asked to be back: a bounced address, or one suppressed for a bounce or a"
                    + " complaint, needs --force."
        })
final class SubscribersResubscribe extends SubscribersSubcommand implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL")
    String email;

    @Option(names = "--force", description = "Resubscribe even after a bounce or a complaint.")
    boolean force;

    @Override
    public Integer call() {
        ListEditor editor = editor();
        out().println(editor.resubscribe(email, force).message());
        return ExitCode.OK;
    }
}
