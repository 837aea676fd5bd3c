package dev.newsletter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/**
 * Runs the CLI in-process with no project and no environment, as {@code ./newsletter ARGS} would, capturing its
 * output and exit code: for usage errors and help. In a project folder, use {@code SampleProject.run}.
 */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context =
                new Context(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), Clock.systemUTC(), false);
        int code = Main.run(context, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
