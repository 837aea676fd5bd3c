package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.Project;
import dev.newsletter.check.CheckOptions;
import dev.newsletter.check.CheckReport;
import dev.newsletter.check.CheckResult;
import dev.newsletter.check.PreSendCheck;
import dev.newsletter.check.SendGate;
import dev.newsletter.check.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Check an issue before it is sent: the pre-send gate.",
            "Renders the issue for a subscriber, builds the message as it would be sent, and checks"
                    + " templates, headers, unsubscribe, size, links, images, DKIM, subject and list. Prints"
                    + " pass, warn or fail for each; only a failure blocks 'send'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter check issues/2024-fall.yaml",
            "  ./newsletter check issues/2024-fall.yaml --online       (links, DKIM, DMARC)",
            "  ./newsletter check issues/2024-fall.yaml --spam         (SpamAssassin's score)",
            "  ./newsletter check issues/2024-fall.yaml --format json  (for CI)",
            "",
            "Exit codes: 0 no failures (warnings allowed); 2 a check failed, or the config,",
            "            issue or list could not be read."
        })
final class CheckCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithSegment options;

    private static final int NAME_WIDTH = 15;

    private final Context context;

    @Option(
            names = "--subscriber",
            paramLabel = "EMAIL",
            description = "Render for this subscriber (default: the list's first active one).")
    String subscriber;

    @Option(
            names = "--online",
            description = "Also ask the network: do links answer, does DNS publish the DKIM key and a DMARC policy,"
                    + " does the relay take our login.")
    boolean online;

    @Option(
            names = "--spam",
            description = "Also score the message with SpamAssassin (offline; fails above check.spamThreshold).")
    boolean spam;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text (default) or json: one JSON object a line (name, status, message, details).")
    Format format;

    enum Format {
        TEXT,
        JSON
    }

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Per network request with --online (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    CheckCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Audience audience = options.audience();
        Project project = options.project();
        List<String> segment = audience.isWholeList() ? List.of() : audience.sizes(project);
        CheckReport report = PreSendCheck.standard(context.env(), context.clock(), Duration.ofSeconds(timeoutSeconds))
                .run(
                        project,
                        new CheckOptions(
                                audience.firstList(),
                                Optional.ofNullable(subscriber),
                                online,
                                Duration.ofSeconds(timeoutSeconds),
                                spam));
        if (format == Format.JSON) {
            CheckJsonLines.print(context.out(), report);
        } else {
            context.out().println("Checking " + report.subject());
            segment.forEach(line -> context.out().println("Segment: " + line));
            print(context.out(), report, true);
            context.out().println(report.summary());
        }
        return report.failed() ? ExitCode.INVALID_INPUT : ExitCode.OK;
    }

    /** Prints what the pre-send gate of {@code send} decided: warnings and failures, the summary, and what happens now. */
    static void print(PrintWriter err, SendGate.Verdict verdict) {
        print(err, verdict.report(), false);
        err.println("check: " + verdict.report().summary());
        switch (verdict.decision()) {
            case PASSED -> {}
            case FORCED -> err.println("check: sending anyway (--force)");
            case REFUSED ->
                err.println(
                        "Not sent: fix the failures above (details: ./newsletter check ISSUE), or send anyway with --force.");
        }
    }

    private static void print(PrintWriter out, CheckReport report, boolean passes) {
        for (CheckResult result : report.results()) {
            if (!passes && result.severity() == Severity.PASS) {
                continue;
            }
            out.printf(
                    "  %-4s  %-" + NAME_WIDTH + "s %s%n", result.severity().label(), result.name(), result.message());
            for (String detail : result.details()) {
                out.printf("  %4s  %" + NAME_WIDTH + "s   %s%n", "", "", detail);
            }
        }
        out.flush();
    }
}
