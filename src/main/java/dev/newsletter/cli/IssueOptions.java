package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command about one issue takes, {@code ISSUE [--config FILE]}, as a picocli mixin: a
 * command declares {@code @Mixin IssueOptions options} and reads {@link #issue()}, {@link #config()}
 * or the loaded {@link #project()}. {@link WithList} adds {@code [--list NAME]}.
 */
class IssueOptions {
    @Mixin
    ConfigOption configOption;

    @Parameters(index = "0", paramLabel = "ISSUE", description = "The issue file, e.g. issues/2024-fall.yaml.")
    Path issueFile;

    /** The issue file as given. */
    Path issue() {
        return issueFile;
    }

    /** The config, loaded and validated. */
    Config config() {
        return configOption.load();
    }

    /** The config, the issue and its templates, loaded and validated. */
    Project project() {
        return Project.load(config(), issueFile);
    }

    /** For an issue sent to, checked against or reported for one subscriber list. */
    static final class WithList extends IssueOptions {
        @Option(names = "--list", paramLabel = "NAME", description = "Subscriber list (default: newsletter.list).")
        String list;

        /** The list named with {@code --list}, or null for the config's {@code newsletter.list}. */
        String list() {
            return list;
        }
    }
}
