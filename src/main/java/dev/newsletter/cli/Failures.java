package dev.newsletter.cli;

import dev.newsletter.app.SendStoppedException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.IoTrouble;
import dev.newsletter.input.Problem;
import dev.newsletter.journal.JournalLockedException;
import dev.newsletter.mailing.JournalUnavailableException;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns what a command threw into what the user reads and the exit code
 * (README, "Exit codes"): one clear line per problem, naming the file and what to do; a Java stack
 * trace only with {@code --debug}.
 *
 * <ul>
 *   <li>bad input (config, issue, template, list): every problem, exit 2; nothing was sent or changed;
 *   <li>bad arguments (picocli's parse errors): exit 2, with the nearest option names and where to
 *       read the command's help;
 *   <li>a command that cannot start for a reason it names ({@link CannotStartException}), or another
 *       send holds the journal: exit 2;
 *   <li>a file that cannot be read or written (disk full, permission denied, an immutable or
 *       append-only file, a folder where a file belongs): exit 2, because it happened before the first
 *       message;
 *   <li>a send that failed once messages may have gone out ({@link SendStoppedException}): exit 1;
 *       the same command continues it;
 *   <li>the schedule store cannot be reached: exit 1 (it may be back in a moment);
 *   <li>anything else is a bug: exit 1, since it is not known what was done.
 * </ul>
 */
final class Failures {
    private Failures() {}

    /** Prints what is wrong with the command line and returns the exit code. */
    static int badArguments(ParameterException e, PrintWriter err) {
        err.println("error: " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        return ExitCode.INVALID_INPUT;
    }

    /** Prints what went wrong and returns the exit code. */
    static int report(Throwable e, PrintWriter err, boolean debug) {
        int code = print(e, err);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static int print(Throwable e, PrintWriter err) {
        if (e instanceof InvalidInputException invalid) {
            problems(invalid.problems(), err);
            return ExitCode.INVALID_INPUT;
        }
        if (e instanceof CannotStartException || e instanceof JournalLockedException) {
            err.println("error: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
        if (e instanceof SendStoppedException stopped) {
            if (stopped.getCause() instanceof InvalidInputException invalid) {
                err.println("error: the send stopped part way:");
                invalid.problems().forEach(problem -> err.println("error: " + problem));
            } else {
                err.println("error: the send stopped part way: " + stopped.getMessage());
            }
            err.println("Fix that, then run the same command again to continue; './newsletter report ISSUE'"
                    + " shows who is still to be sent.");
            return ExitCode.INCOMPLETE;
        }
        if (e instanceof SchedulerUnavailableException) {
            err.println("error: " + e.getMessage());
            return ExitCode.INCOMPLETE;
        }
        if (e instanceof JournalUnavailableException) {
            // outside a running mailing (writing the run's first line): nothing was sent
            err.println("error: " + e.getMessage() + "; nothing was sent.");
            return ExitCode.INVALID_INPUT;
        }
        if (e instanceof UncheckedIOException io) {
            err.println("error: " + IoTrouble.line(io) + "; nothing was sent or changed.");
            return ExitCode.INVALID_INPUT;
        }
        IOException io = ioCause(e);
        if (io != null) {
            err.println("error: " + IoTrouble.explain(io) + "; nothing was sent or changed.");
            return ExitCode.INVALID_INPUT;
        }
        err.println("error: " + e + " (a bug: please report it with the output of the same command run with --debug)");
        return ExitCode.INCOMPLETE;
    }

    private static void problems(List<Problem> problems, PrintWriter err) {
        for (Problem problem : problems) {
            err.println("error: " + problem);
        }
        int n = problems.size();
        err.println(n == 1 ? "1 problem; nothing was sent or changed." : n + " problems; nothing was sent or changed.");
    }

    private static IOException ioCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }
}
