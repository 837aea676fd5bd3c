package dev.newsletter.cli;

import dev.newsletter.delivery.DryRunMailer;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.journal.JournalLockedException;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.SendOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Send an issue to a subscriber list. Re-running resumes: recipients the journal has as",
            "accepted (or permanently rejected) are skipped, so a second run sends only what is left."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter send issues/2024-fall.yaml",
            "  ./newsletter send issues/2024-fall.yaml --list alumni --limit 100",
            "  ./newsletter send issues/2024-fall.yaml --dry-run      render everything, send nothing",
            "",
            "Exit codes: 0 all accepted; 1 some not accepted or stopped early (run again to resume);",
            "            2 could not start (config, issue, template or list problems; nothing sent)."
        })
final class SendCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ISSUE", description = "The issue file, e.g. issues/2024-fall.yaml.")
    Path issueFile;

    @Option(names = "--list", paramLabel = "NAME", description = "Subscriber list (default: newsletter.list).")
    String list;

    @Option(names = "--dry-run", description = "Render every message but send nothing and record nothing.")
    boolean dryRun;

    @Option(names = "--limit", paramLabel = "N", description = "Send to at most N recipients in this run.")
    long limit;

    @Option(
            names = "--in-doubt",
            paramLabel = "POLICY",
            defaultValue = "resend",
            description = "Recipients whose last attempt has no result (a crash mid-message): "
                    + "resend (at least once, default) or skip (at most once).")
    InDoubt inDoubt;

    @Option(names = "--yes", description = "Do not ask for confirmation before sending through a relay.")
    boolean yes;

    enum InDoubt {
        resend,
        skip
    }

    SendCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Project project = Project.load(config, issueFile);
        String listName = project.list(list);
        Project.CheckedRecipients recipients = project.recipients(listName);
        var composer = project.composer(
                listName, MessageIds.forList(project.issue().id(), listName, project.senderDomain()), "", context);
        project.firstActive(listName).ifPresent(composer::compose);
        context.out()
                .printf(
                        "%s to list '%s': %d active subscribers (%d more suppressed)%n",
                        project.issue().subject(), listName, recipients.active(), recipients.suppressed());
        SendOptions options = new SendOptions(
                project.config().smtp().connections(),
                limit,
                inDoubt == InDoubt.resend,
                project.config().sending().retry(),
                project.config().sending().maxErrors());
        if (dryRun) {
            Mailing mailing = new Mailing(DryRunMailer.factory(), Journal.none());
            MailingReport report = mailing.send(recipients.recipients(), composer, options, progress(recipients));
            context.out().println("dry run, nothing sent: " + report.summary());
            return ExitCode.OK;
        }
        if (!Confirmation.confirmed(context, project, recipients.active(), yes)) {
            context.err().println("Not sent.");
            return ExitCode.INVALID_INPUT;
        }
        try (DeliveryJournal journal = DeliveryJournal.open(project.journalFile(listName), context.clock());
                Transport transport =
                        Transport.open(project.config(), context.env(), project.outbox(), project.senderDomain())) {
            context.out().println("Sending through " + transport.description());
            if (!journal.state().inDoubt().isEmpty()) {
                context.out()
                        .printf(
                                "%d recipients are in doubt from an interrupted run (%s them): %s%n",
                                journal.state().inDoubt().size(),
                                inDoubt == InDoubt.resend ? "resending" : "skipping",
                                String.join(
                                        ", ",
                                        journal.state().inDoubt().stream()
                                                .limit(10)
                                                .toList()));
            }
            Mailing mailing = new Mailing(transport.mailers(), journal);
            return SignalStop.during(mailing, () -> {
                ProgressPrinter progress = progress(recipients);
                MailingReport report = mailing.send(recipients.recipients(), composer, options, progress);
                progress.finish();
                context.out().println(report.summary());
                context.out().println("Journal: " + journal.file());
                return report.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
            });
        } catch (JournalLockedException e) {
            context.err().println("error: " + e.getMessage());
            return ExitCode.INVALID_INPUT;
        }
    }

    private ProgressPrinter progress(Project.CheckedRecipients recipients) {
        return new ProgressPrinter(context.out(), context.terminal(), recipients.active());
    }
}
