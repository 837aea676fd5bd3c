package dev.newsletter.cli;

import dev.newsletter.app.SendTimeBounces;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.ListImport;
import dev.newsletter.subscriber.ListLint;
import dev.newsletter.subscriber.ListView;
import dev.newsletter.subscriber.NewSubscriber;
import dev.newsletter.subscriber.PendingPrune;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SuppressionList;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsletter subscribers …}: manage the subscriber files in {@code subscribers/}. Each
 * subcommand is a method: its parameters are its options, {@link ListFiles} the ones they all take,
 * and what it returns is the exit code.
 */
@Command(
        name = "subscribers",
        mixinStandardHelpOptions = true,
        description = {
            "Manage subscriber lists and the suppression list.",
            "Lists are subscribers/<list>.csv; the suppression list is subscribers/suppressed.csv. Every"
                    + " change is atomic and locked: two commands at once both land, a crash leaves the old"
                    + " file or the new one, and rows not changed stay byte for byte as they were."
        },
        synopsisSubcommandLabel = "COMMAND",
        addMethodSubcommands = false,
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done; lint: clean",
            "  1  done, but look: lint found warnings only; import --skip-invalid",
            "     skipped invalid rows; unsubscribe suppressed the address but could",
            "     not mark its row (run it again)",
            "  2  refused, nothing changed: bad arguments, address, list or import file;",
            "     a file that cannot be read or written (disk full, no permission,",
            "     read-only); lint found errors"
        })
final class SubscribersCommand implements Runnable {
    /** The subcommands' methods, in the order the help lists them. */
    private static final List<String> SUBCOMMANDS = List.of(
            "add",
            "remove",
            "unsubscribe",
            "resubscribe",
            "list",
            "count",
            "importFile",
            "export",
            "lint",
            "bounced",
            "prune");

    private static final int MAX_SKIPPED_SHOWN = 100;

    private final Context context;

    @Spec
    CommandSpec spec;

    private SubscribersCommand(Context context) {
        this.context = context;
    }

    static CommandLine commandLine(Context context) {
        CommandLine command = new CommandLine(new SubscribersCommand(context));
        for (String method : SUBCOMMANDS) {
            command.addSubcommand(new CommandLine(CommandLine.getCommandMethods(SubscribersCommand.class, method)
                    .get(0)));
        }
        return command;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Add a subscriber at the end of the list.",
                "Refuses an invalid address, one already on the list (in any upper and lower case), and one on the"
                        + " suppression list (unless --force). Warns about a likely typo of a big mail domain."
            })
    int add(
            @Mixin ListFiles files,
            @Parameters(
                            paramLabel = "EMAIL",
                            description = "The address; its domain is stored in lower case and ASCII form.")
                    String email,
            @Option(names = "--name", paramLabel = "NAME", description = "The subscriber's name.") String name,
            @Option(names = "--tag", paramLabel = "TAG", description = "A tag (repeat for several).") List<String> tags,
            @Option(
                            names = "--field",
                            paramLabel = "COLUMN=VALUE",
                            description =
                                    "A value for an extra column of the list, such as affiliation=CMU (repeat for several).")
                    Map<String, String> fields,
            @Option(names = "--status", paramLabel = "STATUS", description = "active (default) or pending.")
                    Status status,
            @Option(
                            names = "--force",
                            description =
                                    "Add even if the address is on the suppression list (which still wins when sending).")
                    boolean force,
            @Option(names = "--create", description = "Start the list if it does not exist yet.") boolean create) {
        if (status != null && status != Status.ACTIVE && status != Status.PENDING) {
            throw InvalidInputException.of(Problem.inFile(
                    files.list(), "--status must be active or pending; use 'unsubscribe' to unsubscribe someone"));
        }
        ListEditor.Outcome outcome = files.editor(context)
                .add(
                        new NewSubscriber(
                                email,
                                name,
                                status,
                                tags == null ? List.of() : tags,
                                fields == null ? Map.of() : fields),
                        force,
                        create);
        for (String warning : outcome.warnings()) {
            context.err().println("warning: " + warning + "; added anyway");
        }
        context.out().println(outcome.message());
        return ExitCode.OK;
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = {
                "Remove a subscriber's row from the list.",
                "The suppression list is not changed; to stop mail to someone, use 'unsubscribe'."
            })
    int remove(@Mixin ListFiles files, @Parameters(paramLabel = "EMAIL") String email) {
        context.out().println(files.editor(context).remove(email).message());
        return ExitCode.OK;
    }

    @Command(
            name = "unsubscribe",
            mixinStandardHelpOptions = true,
            description = {
                "Unsubscribe an address and add it to the suppression list.",
                "The row is marked unsubscribed and the address is added to subscribers/suppressed.csv, with"
                        + " time and reason. The suppression list wins over every list; an address not on the list"
                        + " is still suppressed."
            })
    int unsubscribe(
            @Mixin ListFiles files,
            @Parameters(paramLabel = "EMAIL") String email,
            @Option(
                            names = "--reason",
                            paramLabel = "TEXT",
                            description = "Why, for the record (default: ${DEFAULT-VALUE}).",
                            defaultValue = "unsubscribed")
                    String reason) {
        ListEditor.Outcome outcome = files.editor(context).unsubscribe(email, reason);
        context.out().println(outcome.message());
        for (String warning : outcome.warnings()) {
            context.err().println("warning: " + warning);
        }
        return outcome.warnings().isEmpty() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }

    @Command(
            name = "bounced",
            mixinStandardHelpOptions = true,
            description = {
                "Mark bounced the addresses rejected as unknown at send time.",
                "Reads every relay journal of the list (var/deliveries/<issue>/<list>.jsonl) and, for each recipient"
                        + " whose final result is a 5.1.x rejection, does what 'inbox scan --apply' does with a hard"
                        + " bounce: status bounced on every list that has the address, and the address added to"
                        + " subscribers/suppressed.csv (reason hard-bounce). Running it again changes nothing."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./newsletter subscribers bounced --dry-run     (one line per address, nothing changed)",
                "  ./newsletter subscribers bounced --list pdl-packet"
            })
    int bounced(
            @Mixin ListFiles files,
            @Option(names = "--dry-run", description = "Show what would be marked; change nothing.") boolean dryRun) {
        List<SendTimeBounces.Bounce> bounces = SendTimeBounces.ofList(files.config(), files.name());
        PrintWriter out = context.out();
        if (dryRun) {
            for (SendTimeBounces.Bounce bounce : bounces) {
                out.println(bounce.email() + ": would be marked bounced and suppressed (" + bounce.issue() + ": "
                        + bounce.reply() + ")");
            }
            out.println(
                    bounces.size() == 1
                            ? "1 hard bounce in the journals; nothing changed (--dry-run)"
                            : bounces.size() + " hard bounces in the journals; nothing changed (--dry-run)");
            return ExitCode.OK;
        }
        long changed = 0;
        for (SendTimeBounces.Applied applied : SendTimeBounces.apply(files.config(), context.clock(), bounces)) {
            out.println(applied.bounce().email() + ": " + applied.done().description());
            changed += applied.done().changed() ? 1 : 0;
        }
        out.println(bounces.size() + (bounces.size() == 1 ? " hard bounce" : " hard bounces") + " in the journals; "
                + (changed == 1 ? "1 address" : changed + " addresses") + " marked bounced and suppressed");
        return ExitCode.OK;
    }

    @Command(
            name = "prune",
            mixinStandardHelpOptions = true,
            description = {
                "Remove pending rows whose signup was never confirmed.",
                "A pending row whose subscribed_at (the signup time) is older than --pending-older-than is removed;"
                        + " a pending row without a time is kept and counted. Without --yes it is a dry run: it says"
                        + " what it would remove and changes nothing."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./newsletter subscribers prune --pending-older-than 30d          (dry run)",
                "  ./newsletter subscribers prune --pending-older-than 30d --yes    (remove them)"
            })
    int prune(
            @Mixin ListFiles files,
            @Option(
                            names = "--pending-older-than",
                            required = true,
                            paramLabel = "AGE",
                            description = "How old a pending signup must be to go: 30d, 12h or 90m.")
                    String age,
            @Option(names = "--yes", description = "Remove them; without it, only say what would be removed.")
                    boolean yes) {
        java.time.Duration maxAge = PruneAge.parse(spec.commandLine(), age);
        Path list = files.list();
        java.time.Instant cutoff = context.clock().instant().minus(maxAge);
        PendingPrune.Result result = new PendingPrune(list, files.allowUtf8LocalPart(), () -> {
                    context.err().println("waiting for another command to finish with " + list + " ...");
                    context.err().flush();
                })
                .olderThan(cutoff, !yes);
        PrintWriter out = context.out();
        for (Subscriber row : result.removed()) {
            out.println((yes ? "removed " : "would remove ") + row.email() + " (line " + row.line() + ", pending since "
                    + row.subscribedAt() + ")");
        }
        if (result.keptWithoutTime() > 0) {
            out.println("kept " + result.keptWithoutTime() + " pending "
                    + (result.keptWithoutTime() == 1 ? "row" : "rows") + " without a signup time (subscribed_at)");
        }
        String count = result.removed().size() + " pending " + (result.removed().size() == 1 ? "row" : "rows")
                + " older than " + age.strip() + " in " + list;
        out.println(
                yes
                        ? count + (result.written() ? " removed" : "; nothing to remove")
                        : "dry run, nothing written: " + count + " would be removed; run again with --yes to remove"
                                + (result.removed().size() == 1 ? " it" : " them"));
        return ExitCode.OK;
    }

    @Command(
            name = "resubscribe",
            mixinStandardHelpOptions = true,
            description = {
                "Make a subscriber active again and lift the suppression.",
                "The address is removed from the suppression list. Only for someone who asked to be back: a bounced address, or one suppressed for a bounce or a"
                        + " complaint, needs --force."
            })
    int resubscribe(
            @Mixin ListFiles files,
            @Parameters(paramLabel = "EMAIL") String email,
            @Option(names = "--force", description = "Resubscribe even after a bounce or a complaint.") boolean force) {
        context.out().println(files.editor(context).resubscribe(email, force).message());
        return ExitCode.OK;
    }

    enum ListFormat {
        TABLE,
        CSV,
        JSON
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Show the subscribers of a list, filtered by status or tag.",
                "CSV cells that a spreadsheet would run as formulas are escaped, as in 'export'."
            })
    int list(
            @Mixin ListFiles files,
            @Mixin Filter filter,
            @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json.")
                    ListFormat format) {
        ListView view = ListView.of(files.list(), files.allowUtf8LocalPart());
        switch (format == null ? ListFormat.TABLE : format) {
            case TABLE -> {
                long shown = view.table(context.out(), filter.predicate());
                context.out().println(shown == 1 ? "1 subscriber" : shown + " subscribers");
            }
            case CSV -> view.csv(context.out(), filter.predicate(), false);
            case JSON -> view.json(context.out(), filter.predicate());
        }
        return ExitCode.OK;
    }

    @Command(
            name = "count",
            mixinStandardHelpOptions = true,
            description = "Count subscribers by status, and how many a send would reach.")
    int count(@Mixin ListFiles files) {
        SuppressionList suppressed = SuppressionList.load(files.suppressions());
        ListView.Counts counts =
                ListView.of(files.list(), files.allowUtf8LocalPart()).count(suppressed);
        PrintWriter out = context.out();
        for (Status status : Status.values()) {
            out.printf("%-14s %,10d%n", status.label(), counts.byStatus().get(status));
        }
        out.printf("%-14s %,10d%n", "total", counts.total());
        out.printf(
                "%,d would be sent to (active and not suppressed; %,d active but suppressed)%n",
                counts.sendable(), counts.activeButSuppressed());
        return ExitCode.OK;
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Merge a CSV file (a spreadsheet's export) into the list.",
                "A BOM, ',' ';' or tab as separator, quoted fields and header names in any case and order all"
                        + " work.",
                "All or nothing: if any row is invalid, every invalid row is reported with its line and the list is"
                        + " not changed. Never resubscribes a suppressed, unsubscribed or bounced address.",
                "Ends with a report: added, updated, unchanged, duplicates within the file, invalid, suppressed."
            })
    int importFile(
            @Mixin ListFiles files,
            @Parameters(paramLabel = "FILE", description = "The CSV file to import (UTF-8).") Path file,
            @Option(names = "--dry-run", description = "Check and report, but change nothing.") boolean dryRun,
            @Option(
                            names = "--skip-invalid",
                            description = "Import the valid rows and report the invalid ones (exit 1).")
                    boolean skipInvalid,
            @Option(
                            names = "--update",
                            description = "Update subscribers already on the list from the file's non-empty cells"
                                    + " (subscribed_at is only filled in, never replaced).")
                    boolean update,
            @Option(names = "--create", description = "Start the list if it does not exist yet.") boolean create) {
        Path list = files.list();
        int[] skipped = {0};
        ListImport.Listener listener = new ListImport.Listener() {
            @Override
            public void invalid(Problem problem) {
                context.err().println("invalid: " + problem);
            }

            @Override
            public void skipped(Problem reason) {
                if (skipped[0]++ < MAX_SKIPPED_SHOWN) {
                    context.out().println("skipped: " + reason);
                }
            }
        };
        ListImport.Report report = files.editor(context)
                .importer()
                .run(ListFiles.shown(file), new ListImport.Options(dryRun, skipInvalid, update, create), listener);
        if (skipped[0] > MAX_SKIPPED_SHOWN) {
            context.out().println("(" + (skipped[0] - MAX_SKIPPED_SHOWN) + " more skipped rows not shown)");
        }
        if (report.invalid() > 0 && !skipInvalid) {
            context.err()
                    .printf(
                            "%,d invalid %s; nothing was imported. Fix %s, or pass --skip-invalid to import the valid rows.%n",
                            report.invalid(),
                            report.invalid() == 1 ? "row" : "rows",
                            report.invalid() == 1 ? "it" : "them");
            return ExitCode.INVALID_INPUT;
        }
        PrintWriter out = context.out();
        out.println(
                (dryRun ? "dry run, nothing written: " : "") + "import of " + ListFiles.shown(file) + " into " + list);
        out.printf("  %-28s %,10d%n", "added", report.added());
        out.printf("  %-28s %,10d%n", "updated", report.updated());
        out.printf("  %-28s %,10d%n", "unchanged", report.unchanged());
        out.printf("  %-28s %,10d%n", "duplicates within the file", report.duplicates());
        out.printf("  %-28s %,10d%n", "invalid", report.invalid());
        out.printf("  %-28s %,10d%n", "suppressed", report.suppressed());
        if (!dryRun && !report.written()) {
            out.println("the list already had everything; nothing written");
        }
        return report.invalid() > 0 ? ExitCode.INCOMPLETE : ExitCode.OK;
    }

    enum ExportFormat {
        CSV,
        JSON
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Write the whole list, every column, to standard output.",
                "For a spreadsheet or another tool. CSV cells starting with = + - @ or a tab get a leading ' so that spreadsheets do not run them as"
                        + " formulas."
            })
    int export(
            @Mixin ListFiles files,
            @Mixin Filter filter,
            @Option(names = "--format", paramLabel = "FORMAT", description = "csv (default) or json.")
                    ExportFormat format,
            @Option(names = "--bom", description = "Start the CSV with a UTF-8 byte order mark, which Excel needs.")
                    boolean bom) {
        ListView view = ListView.of(files.list(), files.allowUtf8LocalPart());
        if (format == ExportFormat.JSON) {
            view.json(context.out(), filter.predicate());
        } else {
            view.csv(context.out(), filter.predicate(), bom);
        }
        return ExitCode.OK;
    }

    @Command(
            name = "lint",
            mixinStandardHelpOptions = true,
            description = {
                "Check a list as it is on disk and report by line.",
                "Errors: bad CSV, invalid addresses, duplicates (addresses compared without case, domains also in"
                        + " ASCII form), unknown status, bad dates, a bad header. Warnings: likely typos of big mail"
                        + " domains, role addresses, active but suppressed, dates in the future.",
                "Exit 0 when clean, 1 with warnings only, 2 with errors."
            })
    int lint(@Mixin ListFiles files) {
        Path list = files.list();
        ListLint.Summary summary = ListLint.of(list, files.suppressions(), files.allowUtf8LocalPart(), context.clock())
                .run(finding -> {
                    Problem p = finding.problem();
                    String at =
                            p.file() + (p.line() > 0 ? ":" + p.line() : "") + (p.column() > 0 ? ":" + p.column() : "");
                    context.out().println(at + ": " + finding.severity().label() + ": " + p.message());
                });
        context.out()
                .printf(
                        "%s: %,d rows, %,d %s, %,d %s%n",
                        list,
                        summary.rows(),
                        summary.errors(),
                        summary.errors() == 1 ? "error" : "errors",
                        summary.warnings(),
                        summary.warnings() == 1 ? "warning" : "warnings");
        return summary.errors() > 0
                ? ExitCode.INVALID_INPUT
                : summary.warnings() > 0 ? ExitCode.INCOMPLETE : ExitCode.OK;
    }

    /** {@code --status} and {@code --tag}, for the commands that show rows. */
    static final class Filter {
        @Option(names = "--status", paramLabel = "STATUS", description = "Only rows with this status.")
        Status status;

        @Option(names = "--tag", paramLabel = "TAG", description = "Only rows with this tag.")
        String tag;

        Predicate<Subscriber> predicate() {
            return subscriber -> (status == null || subscriber.status() == status)
                    && (tag == null || subscriber.tags().contains(tag.strip()));
        }
    }
}
