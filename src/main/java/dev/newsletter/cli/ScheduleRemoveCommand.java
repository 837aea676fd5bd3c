package dev.newsletter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = {
            "Remove a one-shot send (or a pending resume) by its id.",
            "The id is the one 'schedule list' shows. Schedules of the config are removed by deleting them"
                    + " from the config and restarting the daemon."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./newsletter schedule remove once-3"})
final class ScheduleRemoveCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ID", description = "The schedule's id, e.g. once-3.")
    String id;

    ScheduleRemoveCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return ScheduleStoreAccess.with(context, config.load(), book -> {
            context.out().println(book.remove(id));
            return ExitCode.OK;
        });
    }
}
