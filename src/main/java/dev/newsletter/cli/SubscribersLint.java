package dev.newsletter.cli;

import dev.newsletter.input.Problem;
import dev.newsletter.subscriber.ListLint;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Check a list as it is on disk and report by line.",
            "Errors: bad CSV, invalid addresses, duplicates (addresses compared without case, domains also in"
                    + " ASCII form), unknown status, bad dates, a bad header. Warnings: likely typos of big mail"
                    + " domains, role addresses, active but suppressed, dates in the future.",
            "Exit 0 when clean, 1 with warnings only, 2 with errors."
        })
final class SubscribersLint extends SubscribersSubcommand implements Callable<Integer> {
    @Override
    public Integer call() {
        ListLint lint = ListLint.of(
                listFile(), suppressionFile(), allowUtf8LocalPart(), context().clock());
        ListLint.Summary summary = lint.run(finding -> {
            Problem p = finding.problem();
            out().println(where(p) + finding.severity().label() + ": " + p.message());
        });
        out().printf(
                        "%s: %,d rows, %,d %s, %,d %s%n",
                        listFile(),
                        summary.rows(),
                        summary.errors(),
                        summary.errors() == 1 ? "error" : "errors",
                        summary.warnings(),
                        summary.warnings() == 1 ? "warning" : "warnings");
        return summary.errors() > 0
                ? ExitCode.INVALID_INPUT
                : summary.warnings() > 0 ? ExitCode.INCOMPLETE : ExitCode.OK;
    }

    private static String where(Problem p) {
        String at = p.file() + (p.line() > 0 ? ":" + p.line() : "") + (p.column() > 0 ? ":" + p.column() : "");
        return at + ": ";
    }
}
