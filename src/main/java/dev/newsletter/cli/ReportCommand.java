package dev.newsletter.cli;

import dev.newsletter.app.Audience;
import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.report.AcrossIssues;
import dev.newsletter.report.IssueReport;
import dev.newsletter.subscriber.Segment;
import dev.newsletter.text.Plural;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Report on an issue sent to a list, or (--all) on every send.",
            "Recipients by outcome, by SMTP code and by domain, retries, real throughput per run, the"
                    + " recipients in doubt, rejected (with the server's reply) and still deferred, and the bounces,"
                    + " complaints and unsubscribes that came back after the send. Safe while a send is running.",
            "--all: one row per issue and list (date, sent, accepted, hard and soft bounces, complaints,"
                    + " unsubscribes, rates), each list's size over time, and the rates flagged when over the"
                    + " limits mailbox providers enforce (complaints 0.3%% of accepted, bounces 2%% of sent)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter report issues/2024-fall.yaml",
            "  ./newsletter report issues/2024-fall.yaml --format json > report.json",
            "  ./newsletter report issues/2024-fall.yaml --format csv  > not-accepted.csv",
            "  ./newsletter report issues/2024-fall.yaml --format html > report.html",
            "  ./newsletter report issues/2024-fall.yaml --tag alumni",
            "  ./newsletter report --all",
            "  ./newsletter report --all --format html > all-issues.html",
            "",
            "csv lists one row per recipient not accepted (in doubt, rejected, deferred, failed); with --all,"
                    + " one row per send. html is one file with charts that opens without a network."
        })
final class ReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption configOption;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "ISSUE",
            description = "The issue file, e.g. issues/2024-fall.yaml (or --all).")
    Path issueFile;

    @Option(
            names = "--list",
            paramLabel = "NAME[,NAME...]",
            description =
                    "Subscriber list (default: newsletter.list); several, separated by commas, are each" + " reported.")
    String list;

    @Option(
            names = "--tag",
            paramLabel = "TAG",
            description = "Only the recipients with this tag; repeat for any of several tags.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = "--where",
            paramLabel = "FIELD=VALUE",
            description = "Only the recipients whose column FIELD holds VALUE; repeat for all of several.")
    List<String> where = new ArrayList<>();

    @Option(
            names = "--all",
            description = "Every issue sent to every list, one row each, with the lists' sizes over time.")
    boolean all;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (default), json, csv or html.")
    ReportFormat format;

    @Spec
    CommandSpec spec;

    private final Context context;

    ReportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (all && issueFile != null) {
            throw new ParameterException(spec.commandLine(), "give an ISSUE or --all, not both");
        }
        if (!all && issueFile == null) {
            throw new ParameterException(
                    spec.commandLine(), "Missing ISSUE: name an issue file, or give --all for every issue");
        }
        if (all && (list != null || !tags.isEmpty() || !where.isEmpty())) {
            throw new ParameterException(
                    spec.commandLine(), "--list, --tag and --where are for one issue; --all reports every list");
        }
        if (all) {
            Config config = configOption.load();
            AcrossIssues every = AcrossIssues.read(config);
            every.tornLines()
                    .forEach((journal, torn) -> context.err()
                            .println("The journal " + TerminalText.printable(journal.toString()) + ": "
                                    + Plural.count(torn, "torn journal line was", "torn journal lines were")
                                    + " skipped (its row may count short)."));
            context.out().print(format.renderAll(every, context.clock().instant()));
            context.out().flush();
            return ExitCode.OK;
        }
        Audience audience = Audience.of(list, segment());
        Project project = Project.load(configOption.load(), issueFile);
        if (audience.isWholeList()) {
            report(project, project.list(list), email -> true, "");
        } else {
            List<String> lists = audience.resolve(project);
            if (lists.size() > 1 && (format == ReportFormat.json || format == ReportFormat.html)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--format " + format + " makes one document about one list; give one list to --list at a time"
                                + " (the table and csv formats take several)");
            }
            for (String listName : lists) {
                report(project, listName, audience.selects(project, listName), audience.describe(project));
            }
        }
        return ExitCode.OK;
    }

    private Segment segment() {
        try {
            return Segment.of(tags, where);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The report on one list's journal, about the recipients {@code selected} accepts. */
    private void report(Project project, String listName, Predicate<String> selected, String segment) {
        Path journal = project.journalFile(listName);
        if (!Files.exists(journal)) {
            nothingSent(project, listName, journal);
            return;
        }
        if (!segment.isEmpty()) {
            context.err().println("Report on list '" + listName + "', the recipients of " + segment + ":");
        }
        IssueReport report = IssueReport.read(project.config(), project.issue().id(), listName, journal, selected);
        context.out().print(format.render(report, context.clock().instant()));
        context.out().flush();
    }

    private void nothingSent(Project project, String listName, Path journal) {
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
                                        + other.name().toLowerCase(Locale.ROOT)
                                        + " reports on it)."
                                : ""));
    }
}
