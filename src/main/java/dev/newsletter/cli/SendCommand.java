package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.check.SendGate;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.StopSignal;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        header = "Send an issue to a list; a re-run resumes where it stopped.",
        description = {
            "Send an issue to a subscriber list. Re-running resumes: recipients the journal has as accepted"
                    + " (or permanently rejected) are skipped."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter send issues/2024-fall.yaml",
            "  ./newsletter send issues/2024-fall.yaml --list alumni --limit 100",
            "  ./newsletter send issues/2024-fall.yaml --dry-run   (render all, send nothing)",
            "  ./newsletter send issues/2024-fall.yaml --tag alumni --tag emeriti",
            "  ./newsletter send issues/2024-fall.yaml --where role=student --list pdl-packet,alumni",
            "",
            "Exit codes: 0 all accepted; 1 some not accepted or stopped early (run again",
            "            to resume); 2 could not start (config, issue, template or list",
            "            problems; nothing sent)."
        })
final class SendCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithSegment options;

    private final Context context;

    @Option(names = "--dry-run", description = "Render every message but send nothing and record nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    private OptionalLong limit = OptionalLong.empty();

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Send to at most N recipients in this run (0: none; default: everyone not yet sent).")
    void limit(long n) {
        if (n < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be 0 or more, not " + n);
        }
        limit = OptionalLong.of(n);
    }

    @Option(
            names = "--in-doubt",
            paramLabel = "POLICY",
            defaultValue = "resend",
            description = "Recipients whose last attempt has no result (a crash mid-message): "
                    + "resend (at least once, default) or skip (at most once).")
    InDoubt inDoubt;

    @Option(names = "--yes", description = "Do not ask for confirmation before sending through a relay.")
    boolean yes;

    @Option(names = "--force", description = "Send even when the pre-send check (./newsletter check) fails.")
    boolean force;

    enum InDoubt {
        resend,
        skip
    }

    SendCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Audience audience = options.audience();
        Project project = options.project();
        SendGate gate = force
                ? SendGate.forced(context.env(), context.clock())
                : SendGate.blocking(context.env(), context.clock());
        for (String list : audience.resolve(project)) {
            SendGate.Verdict verdict = gate.check(project, list);
            CheckCommand.print(context.err(), verdict);
            if (!verdict.allowsSend()) {
                return ExitCode.INVALID_INPUT;
            }
        }
        if (!dryRun && !Confirmation.confirmed(context, project, audience, yes)) {
            context.err().println("nothing sent: declined");
            return ExitCode.DECLINED;
        }
        IssueSender.Request request = request();
        StopSignal stop = new StopSignal();
        ProgressPrinter printer = new ProgressPrinter(context.out(), context.terminal());
        return SignalStop.during(stop, () -> {
            MailingReport report = new IssueSender(context.env(), context.clock())
                    .send(project, request, stop, printer::note, printer::start);
            printer.finish();
            context.out()
                    .println((dryRun ? "dry run, nothing sent: " : "")
                            + report.summary()
                            + (audience.isWholeList() ? "" : "; to " + audience.describe(project)));
            report.stoppedBecause()
                    .ifPresent(reason -> context.err()
                            .println("error: the send stopped early: " + reason
                                    + "\nRun the same command again to continue; './newsletter report "
                                    + options.issue() + "' shows who is still to be sent."));
            return dryRun || report.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
        });
    }

    /** What the options ask for: everyone not yet sent (or a dry run), perhaps limited, perhaps skipping those in doubt. */
    private IssueSender.Request request() {
        Audience audience = options.audience();
        IssueSender.Request request =
                dryRun ? IssueSender.Request.dryRunFor(audience) : IssueSender.Request.everyoneIn(audience);
        if (limit.isPresent()) {
            request = request.limitedTo(limit.getAsLong());
        }
        return inDoubt == InDoubt.skip ? request.skippingInDoubt() : request;
    }
}
