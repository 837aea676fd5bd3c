package dev.newsletter.cli;

import java.util.List;
import java.util.Optional;

/** Every subcommand, built by hand with what it needs. Add a command here to make it reachable. */
final class Commands {
    private Commands() {}

    static List<Object> all(Context context) {
        return List.of(
                new SendCommand(context),
                new TestCommand(context),
                new RenderCommand(context),
                new CheckCommand(context),
                new ReportCommand(context),
                SubscribersCommand.commandLine(context),
                new RunCommand(context),
                ScheduleCommand.commandLine(context),
                new DkimCommand(context),
                new PublishCommand(context),
                new SiteCommand(context),
                InboxCommand.commandLine(context),
                SignupCommand.commandLine(context));
    }

    /**
     * Just the subcommand called {@code name}, for a command line that names it: building one
     * command instead of all of them (picocli reads each one's annotations, some load libraries)
     * saves about a tenth of a second at start. Empty for a name not listed here; then the caller
     * builds them {@link #all}, which is always right, only slower.
     */
    static Optional<Object> named(String name, Context context) {
        return Optional.ofNullable(
                switch (name) {
                    case "send" -> new SendCommand(context);
                    case "test" -> new TestCommand(context);
                    case "render" -> new RenderCommand(context);
                    case "check" -> new CheckCommand(context);
                    case "report" -> new ReportCommand(context);
                    case "subscribers" -> SubscribersCommand.commandLine(context);
                    case "run" -> new RunCommand(context);
                    case "schedule" -> ScheduleCommand.commandLine(context);
                    case "dkim" -> new DkimCommand(context);
                    case "publish" -> new PublishCommand(context);
                    case "site" -> new SiteCommand(context);
                    case "inbox" -> InboxCommand.commandLine(context);
                    default -> null;
                });
    }
}
