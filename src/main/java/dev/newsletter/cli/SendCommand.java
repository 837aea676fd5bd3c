package dev.newsletter.cli;

import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.mailing.MailingReport;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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
            "",
            "Exit codes: 0 all accepted; 1 some not accepted or stopped early (run again",
            "            to resume); 2 could not start (config, issue, template or list",
            "            problems; nothing sent)."
        })
final class SendCommand extends IssueCommand.WithList implements Callable<Integer> {
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
        Project project = Project.load(config.load(), issueFile);
        if (!CheckCommand.allowsSend(context, project, list, force)) {
            return ExitCode.INVALID_INPUT;
        }
        if (!dryRun && !Confirmation.confirmed(context, project, project.list(list), yes)) {
            context.err().println("nothing sent: declined");
            return ExitCode.DECLINED;
        }
        IssueSender sender = new IssueSender(context.env(), context.clock());
        IssueSender.Request request = new IssueSender.Request(list, limit, inDoubt == InDoubt.resend, dryRun);
        return SignalStop.during(sender, () -> {
            ProgressPrinter[] progress = {null};
            MailingReport report = sender.send(
                    project,
                    request,
                    note -> {
                        if (progress[0] != null) {
                            progress[0].finish();
                        }
                        context.out().println(note);
                    },
                    total -> {
                        progress[0] = new ProgressPrinter(context.out(), context.terminal(), total);
                        return progress[0];
                    });
            if (progress[0] != null) {
                progress[0].finish();
            }
            context.out().println((dryRun ? "dry run, nothing sent: " : "") + report.summary());
            report.stoppedBecause()
                    .ifPresent(reason -> context.err()
                            .println("error: the send stopped early: " + reason
                                    + "\nRun the same command again to continue; './newsletter report "
                                    + issueFile + "' shows who is still to be sent."));
            return dryRun || report.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
        });
    }
}
