package dev.newsletter.cli;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.NewSubscriber;
import dev.newsletter.subscriber.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a subscriber at the end of the list.",
            "Refuses an invalid address, one already on the list (in any upper and lower case), and one on the"
                    + " suppression list (unless --force). Warns about a likely typo of a big mail domain."
        })
final class SubscribersAdd extends SubscribersSubcommand implements Callable<Integer> {
    @Parameters(paramLabel = "EMAIL", description = "The address; its domain is stored in lower case and ASCII form.")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "The subscriber's name.")
    String name = "";

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeat for several).")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--field",
            paramLabel = "COLUMN=VALUE",
            description = "A value for an extra column of the list, such as affiliation=CMU (repeat for several).")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--status", paramLabel = "STATUS", description = "active (default) or pending.")
    Status status = Status.ACTIVE;

    @Option(
            names = "--force",
            description = "Add even if the address is on the suppression list (which still wins when sending).")
    boolean force;

    @Option(names = "--create", description = "Start the list if it does not exist yet.")
    boolean create;

    @Override
    public Integer call() {
        if (status != Status.ACTIVE && status != Status.PENDING) {
            throw InvalidInputException.of(Problem.inFile(
                    listFile(), "--status must be active or pending; use 'unsubscribe' to unsubscribe someone"));
        }
        ListEditor editor = editor();
        ListEditor.Outcome outcome = editor.add(new NewSubscriber(email, name, status, tags, fields), force, create);
        for (String warning : outcome.warnings()) {
            err().println("warning: " + warning + "; added anyway");
        }
        out().println(outcome.message());
        return ExitCode.OK;
    }
}
