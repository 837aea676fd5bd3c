package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.SuppressionList;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** What every {@code subscribers} command shares: the config, the list it works on, where to print. */
abstract class SubscribersSubcommand {
    @ParentCommand
    SubscribersCommand parent;

    @Mixin
    ConfigOption configOption;

    @Option(
            names = "--list",
            paramLabel = "NAME",
            description = "The list: subscribers/NAME.csv (default: newsletter.list in the config).")
    String listName;

    private Config config;

    Config config() {
        if (config == null) {
            config = configOption.load();
        }
        return config;
    }

    /** The list file, shown relative to the current folder when it is inside it. */
    Path listFile() {
        Path list = shown(config().listFile(Project.list(config(), listName)));
        SuppressionList.refuseAsList(list, suppressionFile());
        return list;
    }

    Path suppressionFile() {
        return shown(config().suppressionFile());
    }

    boolean allowUtf8LocalPart() {
        return config().smtp().smtputf8();
    }

    PrintWriter out() {
        return parent.context().out();
    }

    PrintWriter err() {
        return parent.context().err();
    }

    Context context() {
        return parent.context();
    }

    /** The editor of this command's list, telling the user when it waits for another command. */
    ListEditor editor() {
        return ListEditor.of(
                listFile(), suppressionFile(), allowUtf8LocalPart(), context().clock(), waitNotice(listFile()));
    }

    /** Tells the user why nothing seems to happen while another command holds the lock. */
    Runnable waitNotice(Path file) {
        return () -> {
            err().println("waiting for another command to finish with " + file + " ...");
            err().flush();
        };
    }

    static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) : absolute;
    }
}
