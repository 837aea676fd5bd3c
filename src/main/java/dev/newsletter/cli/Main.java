package dev.newsletter.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine;

/** Entry point: builds the command line from {@link Commands}; {@link Failures} turns what goes wrong into exit codes. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Context context = new Context(out, err, System.getenv(), Clock.systemDefaultZone(), System.console() != null);
        int code = run(context, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; never calls {@code System.exit}, so tests can call it. */
    public static int run(Context context, String... args) {
        CommandLine cli = commandLine(context, args);
        return cli.execute(args);
    }

    /** Whether {@code --debug} was given, to the top command or any subcommand. */
    private static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The command line with every subcommand (for the top-level help, which lists them all). */
    static CommandLine commandLine(Context context) {
        return configured(context, Commands.all(context));
    }

    /**
     * The command line for {@code args}: when they name a subcommand, only that one is built (the
     * root takes no option with a value, so the first argument not starting with '-' names it);
     * otherwise (and for a top-level {@code --help} before it) all of them, so that help, errors and
     * suggestions see every command.
     */
    static CommandLine commandLine(Context context, String... args) {
        for (String arg : args) {
            if (arg.equals("--") || arg.equals("-h") || arg.equals("--help")) {
                break; // the top-level help lists every command
            }
            if (!arg.startsWith("-")) {
                return Commands.named(arg, context)
                        .map(command -> configured(context, List.of(command)))
                        .orElseGet(() -> commandLine(context));
            }
        }
        return commandLine(context);
    }

    private static CommandLine configured(Context context, List<Object> subcommands) {
        CommandLine cli = new CommandLine(new RootCommand());
        for (Object command : subcommands) {
            cli.addSubcommand(command);
        }
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(HelpWidth.around(new CommandLine.RunLast(), context));
        cli.setParameterExceptionHandler((e, args) -> Failures.badArguments(e, context.err()));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> Failures.report(e, context.err(), debug(parseResult)));
        return cli;
    }
}
