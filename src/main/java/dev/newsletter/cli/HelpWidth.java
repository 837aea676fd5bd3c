package dev.newsletter.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * How wide {@code --help} is: the terminal's width ({@code COLUMNS} when the environment has it,
 * else what {@code stty} says of the terminal), kept within {@value #MIN} to {@value #MAX} columns:
 * the examples and exit-code tables are laid out for 80 columns (a narrower window wraps them
 * itself), and a wide window gets paragraphs no longer than they are readable. {@value #FALLBACK}
 * when the output is not a terminal. Worked out only when help is about to be printed.
 */
final class HelpWidth {
    static final int MIN = 80;
    static final int MAX = 120;
    static final int FALLBACK = 80;

    private HelpWidth() {}

    /** The width for this environment; {@code terminalColumns} is asked only on a terminal without COLUMNS. */
    static int of(Map<String, String> env, boolean terminal, Supplier<OptionalInt> terminalColumns) {
        OptionalInt columns = parse(env.get("COLUMNS"));
        if (columns.isEmpty() && terminal) {
            columns = terminalColumns.get();
        }
        return columns.isEmpty() ? FALLBACK : Math.max(MIN, Math.min(MAX, columns.getAsInt()));
    }

    /**
     * Runs {@code inner}, first setting the usage width of the whole command tree when this command
     * line prints help: {@code --help} anywhere, or a command group given without its command.
     */
    static IExecutionStrategy around(IExecutionStrategy inner, Context context) {
        return parseResult -> {
            if (printsHelp(parseResult)) {
                parseResult
                        .commandSpec()
                        .commandLine()
                        .setUsageHelpWidth(of(context.env(), context.terminal(), HelpWidth::stty));
            }
            return inner.execute(parseResult);
        };
    }

    private static boolean printsHelp(ParseResult parseResult) {
        ParseResult last = parseResult;
        for (ParseResult at = parseResult; at != null; at = at.subcommand()) {
            if (at.isUsageHelpRequested()) {
                return true;
            }
            last = at;
        }
        return !last.commandSpec().subcommands().isEmpty();
    }

    private static OptionalInt parse(String text) {
        if (text == null || !text.strip().matches("\\d{1,4}")) {
            return OptionalInt.empty();
        }
        int value = Integer.parseInt(text.strip());
        return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
    }

    /** {@code stty size} on the controlling terminal: "rows columns". */
    private static OptionalInt stty() {
        File tty = new File("/dev/tty");
        if (!tty.canRead()) {
            return OptionalInt.empty();
        }
        try {
            Process process = new ProcessBuilder("stty", "size")
                    .redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return OptionalInt.empty();
            }
            String[] size = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
                    .strip()
                    .split("\\s+");
            return size.length == 2 ? parse(size[1]) : OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }
}
