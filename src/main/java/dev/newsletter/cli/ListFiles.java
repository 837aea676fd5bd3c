package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.subscriber.ListEditor;
import dev.newsletter.subscriber.SuppressionList;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every {@code subscribers} command takes, {@code [--list NAME] [--config FILE]}, and the files
 * they name: the list and the suppression list, shown relative to the current folder when inside it.
 */
final class ListFiles {
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

    /** The list's name: {@code --list}, or the config's default list. */
    String name() {
        return Project.list(config(), listName);
    }

    /** The list file; refuses a name that is no list name, and the suppression list itself. */
    Path list() {
        Path list = shown(config().listFile(Project.list(config(), listName)));
        SuppressionList.refuseAsList(list, suppressions());
        return list;
    }

    Path suppressions() {
        return shown(config().suppressionFile());
    }

    boolean allowUtf8LocalPart() {
        return config().smtp().smtputf8();
    }

    /** The editor of the list, telling the user when it waits for another command to finish with it. */
    ListEditor editor(Context context) {
        Path list = list();
        return ListEditor.of(list, suppressions(), allowUtf8LocalPart(), context.clock(), () -> {
            context.err().println("waiting for another command to finish with " + list + " ...");
            context.err().flush();
        });
    }

    static Path shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here) && !absolute.equals(here) ? here.relativize(absolute) : absolute;
    }
}
