package dev.newsletter.cli;

import java.util.List;

/** Every subcommand, built by hand with what it needs. Add a command here to make it reachable. */
final class Commands {
    private Commands() {}

    static List<Object> all(Context context) {
        return List.of(
                new SendCommand(context),
                new TestCommand(context),
                new RenderCommand(context),
                new PreviewCommand(context),
                new CheckCommand(context),
                new ReportCommand(context),
                SubscribersCommand.commandLine(context),
                new RunCommand(context),
                ScheduleCommand.commandLine(context),
                new DkimCommand(context),
                new PublishCommand(context),
                new SiteCommand(context),
                InboxCommand.commandLine(context));
    }
}
