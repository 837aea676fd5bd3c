package dev.newsletter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process, as {@code ./newsletter ARGS} would, capturing its output and exit code. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context =
                new Context(new PrintWriter(out, true), new PrintWriter(err, true), env, Clock.systemUTC(), false);
        int code = Main.run(context, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(Map.of(), args);
    }
}
