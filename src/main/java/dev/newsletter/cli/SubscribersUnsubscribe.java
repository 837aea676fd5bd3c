package dev.newsletter.cli;

import dev.newsletter.subscriber.ListEditor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "unsubscribe",
        mixinStandardHelpOptions = true,
        description = {
            "Unsubscribe an address and add it to the suppression list.",
            "The row is marked unsubscribed and the address is added to subscribers/suppressed.csv, with"
                    + " time and reason. The suppression list wins over every list; an address not on the list"
                    + " is still suppressed."
        })
final class SubscribersUnsubscribe extends SubscribersSubcommand implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL")
    String email;

    @Option(
            names = "--reason",
            paramLabel = "TEXT",
            description = "Why, for the record (default: ${DEFAULT-VALUE}).",
            defaultValue = "unsubscribed")
    String reason;

    @Override
    public Integer call() {
        ListEditor editor = editor();
        ListEditor.Outcome outcome = editor.unsubscribe(email, reason);
        out().println(outcome.message());
        for (String warning : outcome.warnings()) {
            err().println("warning: " + warning);
        }
        return outcome.warnings().isEmpty() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }
}
