package dev.newsletter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * What every command about one issue takes: {@code ISSUE [--config FILE]}. {@link WithList} adds
 * {@code [--list NAME]}. A superclass rather than a {@code @Mixin} field, so that each command reads
 * its arguments by their own names ({@code issueFile}, {@code list}, {@code config}); picocli finds
 * the options of superclasses as it finds its own.
 */
abstract class IssueCommand {
    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ISSUE", description = "The issue file, e.g. issues/2024-fall.yaml.")
    Path issueFile;

    /** An issue sent to, checked against or reported for one subscriber list. */
    abstract static class WithList extends IssueCommand {
        @picocli.CommandLine.Option(
                names = "--list",
                paramLabel = "NAME",
                description = "Subscriber list (default: newsletter.list).")
        String list;
    }
}
