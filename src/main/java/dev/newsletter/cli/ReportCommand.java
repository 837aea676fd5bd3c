package dev.newsletter.cli;

import dev.newsletter.app.Project;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    IssueOptions.WithList options;

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
        Project project = options.project();
        String listName = project.list(options.list());
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
            return ExitCode.OK;
        }
        DeliveryReport report = DeliveryReport.of(journal);
        context.out().print(format.render(report, project.issue().id(), listName));
        context.out().flush();
        return ExitCode.OK;
    }
}
