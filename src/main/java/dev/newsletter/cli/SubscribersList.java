package dev.newsletter.cli;

import dev.newsletter.subscriber.ListView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "Show the subscribers of a list, filtered by status or tag.",
            "CSV cells that a spreadsheet would run as formulas are escaped, as in 'export'."
        })
final class SubscribersList extends SubscribersSubcommand implements Callable<Integer> {
    enum Format {
        TABLE,
        CSV,
        JSON
    }

    @Mixin
    SubscribersFilter filter;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
    Format format = Format.TABLE;

    @Override
    public Integer call() {
        ListView view = ListView.of(listFile(), allowUtf8LocalPart());
        switch (format) {
            case TABLE -> {
                long shown = view.table(out(), filter.predicate());
                out().println(shown == 1 ? "1 subscriber" : shown + " subscribers");
            }
            case CSV -> view.csv(out(), filter.predicate(), false);
            case JSON -> view.json(out(), filter.predicate());
        }
        return ExitCode.OK;
    }
}
