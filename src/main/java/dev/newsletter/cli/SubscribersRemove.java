package dev.newsletter.cli;

import dev.newsletter.subscriber.ListEditor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = {
            "Remove a subscriber's row from the list.",
            "The suppression list is not changed; to stop mail to someone, use 'unsubscribe'."
        })
final class SubscribersRemove extends SubscribersSubcommand implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        ListEditor editor = editor();
        out().println(editor.remove(email).message());
        return ExitCode.OK;
    }
}
