package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.Project;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Show what the journal says about an issue sent to a list.",
            "Recipients by outcome, by SMTP code and by domain, retries, real throughput per run, and the"
                    + " recipients in doubt, rejected (with the server's reply) and still deferred. Safe while a"
                    + " send is running."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter report issues/2024-fall.yaml",
            "  ./newsletter report issues/2024-fall.yaml --format json > report.json",
            "  ./newsletter report issues/2024-fall.yaml --format csv  > not-accepted.csv",
            "  ./newsletter report issues/2024-fall.yaml --format html > report.html",
            "",
            "csv lists one row per recipient not accepted (in doubt, rejected, deferred, failed)."
        })
final class ReportCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithSegment options;

    private final Context context;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), json, csv or html.")
    ReportFormat format;

    ReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Audience audience = options.audience();
        Project project = options.project();
        if (!audience.isWholeList()) {
            for (String list : audience.resolve(project)) {
                report(project, list, audience.selects(project, list), audience.describe(project));
            }
            return ExitCode.OK;
        }
        report(project, project.list(options.list()), email -> true, "");
        return ExitCode.OK;
    }

    /** The report on one list's journal, counting the recipients {@code selected} accepts. */
    private void report(Project project, String listName, Predicate<String> selected, String segment) {
        Path journal = project.journalFile(listName);
        if (!Files.exists(journal)) {
            SmtpSettings.Mode mode = project.config().smtp().mode();
            SmtpSettings.Mode other =
                    mode == SmtpSettings.Mode.CAPTURE ? SmtpSettings.Mode.RELAY : SmtpSettings.Mode.CAPTURE;
            Path otherJournal = project.journalFile(listName, other);
            context.err()
                    .println("Nothing sent yet "
                            + (mode == SmtpSettings.Mode.CAPTURE ? "in capture mode" : "through the relay")
                            + ": no journal for issue '" + project.issue().id() + "' and list '" + listName + "' ("
                            + journal + ")."
                            + (Files.exists(otherJournal)
                                    ? " There is one for "
                                            + (other == SmtpSettings.Mode.CAPTURE
                                                    ? "capture-mode sends"
                                                    : "sends through the relay")
                                            + ": " + otherJournal + " (smtp.mode: "
                                            + other.name().toLowerCase(java.util.Locale.ROOT)
                                            + " reports on it)."
                                    : ""));
            return;
        }
        DeliveryReport report = DeliveryReport.of(journal, selected);
        if (!segment.isEmpty()) {
            context.err().println("Report on list '" + listName + "', the recipients of " + segment + ":");
        }
        context.out().print(format.render(report, project.issue().id(), listName));
        context.out().flush();
    }
}
