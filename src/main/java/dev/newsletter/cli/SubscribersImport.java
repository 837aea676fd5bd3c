package dev.newsletter.cli;

import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.ListImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Merge a CSV file (a spreadsheet's export) into the list.",
            "A BOM, ',' ';' or tab as separator, quoted fields and header names in any case and order all" + " work.",
            "All or nothing: if any row is invalid, every invalid row is reported with its line and the list is"
                    + " not changed. Never resubscribes a suppressed, unsubscribed or bounced address.",
            "Ends with a report: added, updated, unchanged, duplicates within the file, invalid, suppressed."
        })
final class SubscribersImport extends SubscribersSubcommand implements Callable<Integer> {
    private static final int MAX_NOTES = 100;

    @Parameters(paramLabel = "FILE", description = "The CSV file to import (UTF-8).")
    Path file;

    @Option(names = "--dry-run", description = "Check and report, but change nothing.")
    boolean dryRun;

    @Option(names = "--skip-invalid", description = "Import the valid rows and report the invalid ones (exit 1).")
    boolean skipInvalid;

    @Option(
            names = "--update",
            description = "Update subscribers already on the list from the file's non-empty cells"
                    + " (subscribed_at is only filled in, never replaced).")
    boolean update;

    @Option(names = "--create", description = "Start the list if it does not exist yet.")
    boolean create;

    @Override
    public Integer call() {
        Path list = listFile();
        int[] notes = {0};
        ListImport.Listener listener = new ListImport.Listener() {
            @Override
            public void invalid(Problem problem) {
                err().println("invalid: " + problem);
            }

            @Override
            public void skipped(Problem reason) {
                if (notes[0]++ < MAX_NOTES) {
                    out().println("skipped: " + reason);
                }
            }
        };
        ListImport.Report report = editor().importer()
                .run(shown(file), new ListImport.Options(dryRun, skipInvalid, update, create), listener);
        if (notes[0] > MAX_NOTES) {
            out().println("(" + (notes[0] - MAX_NOTES) + " more skipped rows not shown)");
        }
        if (report.invalid() > 0 && !skipInvalid) {
            err().printf(
                            "%,d invalid %s; nothing was imported. Fix %s, or pass --skip-invalid to import the valid rows.%n",
                            report.invalid(),
                            report.invalid() == 1 ? "row" : "rows",
                            report.invalid() == 1 ? "it" : "them");
            return ExitCode.INVALID_INPUT;
        }
        printReport(list, report);
        return report.invalid() > 0 ? ExitCode.INCOMPLETE : ExitCode.OK;
    }

    private void printReport(Path list, ListImport.Report report) {
        out().println((dryRun ? "dry run, nothing written: " : "") + "import of " + shown(file) + " into " + list);
        out().printf("  %-28s %,10d%n", "added", report.added());
        out().printf("  %-28s %,10d%n", "updated", report.updated());
        out().printf("  %-28s %,10d%n", "unchanged", report.unchanged());
        out().printf("  %-28s %,10d%n", "duplicates within the file", report.duplicates());
        out().printf("  %-28s %,10d%n", "invalid", report.invalid());
        out().printf("  %-28s %,10d%n", "suppressed", report.suppressed());
        if (!dryRun && !report.written()) {
            out().println("the list already had everything; nothing written");
        }
    }
}
