package dev.newsletter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = {
            "See and change scheduled sends.",
            "They are kept in the scheduler store (scheduler.store), so these commands work whether or not"
                    + " the daemon ('run') is running; a running daemon sees a change within a few seconds."
        },
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter schedule list",
            "  ./newsletter schedule add issues/2024-fall.yaml --at 2026-12-01T09:00",
            "  ./newsletter schedule add issues/2024-fall.yaml --at +10s --list alumni",
            "  ./newsletter schedule remove once-3"
        })
final class ScheduleCommand implements Runnable {
    @Spec
    CommandSpec spec;

    private ScheduleCommand() {}

    /** The {@code schedule} command with its subcommands, each built with the context. */
    static CommandLine commandLine(Context context) {
        return new CommandLine(new ScheduleCommand())
                .addSubcommand(new ScheduleListCommand(context))
                .addSubcommand(new ScheduleAddCommand(context))
                .addSubcommand(new ScheduleRemoveCommand(context));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
