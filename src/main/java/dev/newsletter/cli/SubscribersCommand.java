package dev.newsletter.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsletter subscribers …}: manage the subscriber files in {@code subscribers/}. */
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
        subcommands = {
            SubscribersAdd.class,
            SubscribersRemove.class,
            SubscribersUnsubscribe.class,
            SubscribersResubscribe.class,
            SubscribersList.class,
            SubscribersCount.class,
            SubscribersImport.class,
            SubscribersExport.class,
            SubscribersLint.class
        },
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
public final class SubscribersCommand implements Runnable {
    private final Context context;

    @Spec
    CommandSpec spec;

    public SubscribersCommand(Context context) {
        this.context = context;
    }

    Context context() {
        return context;
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.out());
    }
}
