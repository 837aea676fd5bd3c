package dev.newsletter.cli;

import dev.newsletter.subscriber.ListView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Write the whole list, every column, to standard output.",
            "For a spreadsheet or another tool. CSV cells starting with = + - @ or a tab get a leading ' so that spreadsheets do not run them as"
                    + " formulas."
        })
final class SubscribersExport extends SubscribersSubcommand implements Callable<Integer> {
    enum Format {
        CSV,
        JSON
    }

    @Mixin
    SubscribersFilter filter;

    @Option(names = "--format", paramLabel = "FORMAT", description = "csv (default) or json.")
    Format format = Format.CSV;

    @Option(names = "--bom", description = "Start the CSV with a UTF-8 byte order mark, which Excel needs.")
    boolean bom;

    @Override
    public Integer call() {
        ListView view = ListView.of(listFile(), allowUtf8LocalPart());
        if (format == Format.CSV) {
            view.csv(out(), filter.predicate(), bom);
        } else {
            view.json(out(), filter.predicate());
        }
        return ExitCode.OK;
    }
}
