package dev.newsletter.cli;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point: wires the commands by hand and maps every outcome to an exit code in one place. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

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
        CommandLine cli = commandLine(context);
        return cli.execute(args);
    }

    static CommandLine commandLine(Context context) {
        CommandLine cli = new CommandLine(new RootCommand());
        for (Object command : Commands.all(context)) {
            cli.addSubcommand(command);
        }
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionStrategy(HelpWidth.around(new CommandLine.RunLast(), context));
        cli.setParameterExceptionHandler((e, args) -> {
            context.err().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, context.err());
            context.err().println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InvalidInputException invalid) {
                for (Problem problem : invalid.problems()) {
                    context.err().println("error: " + problem);
                }
                int n = invalid.problems().size();
                context.err()
                        .println(
                                n == 1
                                        ? "1 problem; nothing was sent or changed."
                                        : n + " problems; nothing was sent or changed.");
                return ExitCode.INVALID_INPUT;
            }
            LOG.error("unexpected failure", e);
            context.err().println("error: " + e);
            return ExitCode.INCOMPLETE;
        });
        return cli;
    }
}
