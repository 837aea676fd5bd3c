package dev.newsletter.cli;

import picocli.CommandLine.Command;

@Command(
        name = "newsletter",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Send a newsletter kept in files: YAML issues, Thymeleaf templates, CSV subscriber lists.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter send issues/2024-fall.yaml     (send to the default list)",
            "  ./newsletter test issues/2024-fall.yaml --to me@example.org",
            "  ./newsletter render issues/2024-fall.yaml --out /tmp/preview",
            "",
            "Exit codes: 0 all done; 1 finished, but some recipients were not accepted",
            "            (or the run stopped early); 2 could not start (bad arguments,",
            "            config, issue, template or subscriber file; nothing was sent).",
            "Run './newsletter COMMAND --help' for a command's options and examples."
        })
final class RootCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(
            names = "--debug",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "On an error, also print the Java stack trace (for a bug report).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
