package dev.newsletter.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Every subcommand, built by hand with what it needs. Add a command here to make it reachable. */
final class Commands {
    /** Every subcommand by name, in the order --help lists them. */
    private static final Map<String, Function<Context, Object>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("send", SendCommand::new);
        BY_NAME.put("test", TestCommand::new);
        BY_NAME.put("render", RenderCommand::new);
        BY_NAME.put("preview", PreviewCommand::new);
        BY_NAME.put("check", CheckCommand::new);
        BY_NAME.put("report", ReportCommand::new);
        BY_NAME.put("subscribers", SubscribersCommand::commandLine);
        BY_NAME.put("run", RunCommand::new);
        BY_NAME.put("schedule", ScheduleCommand::commandLine);
        BY_NAME.put("dkim", DkimCommand::new);
        BY_NAME.put("publish", PublishCommand::new);
        BY_NAME.put("site", SiteCommand::new);
        BY_NAME.put("inbox", InboxCommand::commandLine);
        BY_NAME.put("signup", SignupCommand::commandLine);
    }

    private Commands() {}

    static List<Object> all(Context context) {
        return BY_NAME.values().stream().map(command -> command.apply(context)).toList();
    }

    /**
     * Just the subcommand called {@code name}, for a command line that names it: building one
     * command instead of all of them (picocli reads each one's annotations, some load libraries)
     * saves about a tenth of a second at start. Empty for a name not listed; then the caller builds
     * them {@link #all}, which is always right, only slower.
     */
    static Optional<Object> named(String name, Context context) {
        return Optional.ofNullable(BY_NAME.get(name)).map(command -> command.apply(context));
    }
}
