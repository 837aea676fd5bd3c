package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.subscriber.Segment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What every command about one issue takes, {@code ISSUE [--config FILE]}, as a picocli mixin: a
 * command declares {@code @Mixin IssueOptions options} and reads {@link #issue()}, {@link #config()}
 * or the loaded {@link #project()}. {@link WithList} adds {@code [--list NAME]}; {@link WithSegment}
 * lets it name several lists and a segment of them ({@code --tag}, {@code --where}).
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

    /**
     * For an issue sent to, checked against, rendered or reported for a segment: {@code --list A,B}
     * (merged), {@code --tag T} (any of them) and {@code --where FIELD=VALUE} (all of them).
     */
    static final class WithSegment extends IssueOptions {
        @Option(
                names = "--list",
                paramLabel = "NAME[,NAME...]",
                description = "Subscriber list (default: newsletter.list); several, separated by commas, are merged:"
                        + " each address once, the first list's row wins.")
        String list;

        @Option(
                names = "--tag",
                paramLabel = "TAG",
                description = "Only subscribers with this tag (in the tags column, ';'-separated); repeat for any of"
                        + " several tags.")
        List<String> tags = new ArrayList<>();

        @Option(
                names = "--where",
                paramLabel = "FIELD=VALUE",
                description = "Only subscribers whose column FIELD (any case) holds VALUE (compared exactly, spaces"
                        + " around it aside); repeat for all of several.")
        List<String> where = new ArrayList<>();

        /** The {@code --list} option as given (may name several lists), or null for the default. */
        String list() {
            return list;
        }

        /**
         * The lists and segment asked for.
         *
         * @throws ParameterException for a malformed {@code --tag} or {@code --where} (exit 2)
         */
        Audience audience() {
            return Audience.of(list, segment());
        }

        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        /**
         * The segment asked for.
         *
         * @throws ParameterException for a malformed {@code --tag} or {@code --where} (exit 2)
         */
        Segment segment() {
            try {
                return Segment.of(tags, where);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), e.getMessage());
            }
        }
    }
}
