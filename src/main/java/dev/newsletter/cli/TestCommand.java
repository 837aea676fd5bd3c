package dev.newsletter.cli;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.app.Audience;
import dev.newsletter.app.IssueSender;
import dev.newsletter.app.Project;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        header = "Send a [TEST] copy of an issue to the given addresses only.",
        description = {
            "Send a test of an issue to the given addresses only, subject prefixed [TEST].",
            "An address that is on the list (the first one of --list) gets that subscriber's personalisation.",
            "With --tag or --where it also says how many the send to that segment would reach.",
            "Test sends are journaled separately and go out every time."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter test issues/2024-fall.yaml --to me@example.org",
            "  ./newsletter test issues/2024-fall.yaml --to ann@example.org,bob@example.org"
        })
final class TestCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithSegment options;

    private final Context context;

    @Option(
            names = "--to",
            required = true,
            split = ",",
            paramLabel = "ADDR",
            description = "Where to send the test (comma-separated or repeated).")
    List<String> to;

    TestCommand(Context context) {
        this.context = context;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (to.stream().allMatch(String::isBlank)) {
            throw new ParameterException(spec.commandLine(), "--to needs at least one address");
        }
        Audience audience = options.audience();
        Project project = options.project();
        if (!audience.isWholeList()) {
            // the test goes to --to only; say who the real send would reach
            audience.sizes(project).forEach(line -> context.out().println("The send would go to " + line));
        }
        MailingReport report = new IssueSender(context.env(), context.clock())
                .send(
                        project,
                        IssueSender.Request.test(audience.firstList(), addresses(project)),
                        new StopSignal(),
                        context.out()::println,
                        total -> Progress.none());
        context.out().println(report.summary());
        return report.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }

    private List<EmailAddress> addresses(Project project) {
        Set<EmailAddress> addresses = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (String text : to) {
            if (text.isBlank()) {
                continue; // "a@example.org,,b@example.org": an empty entry is no address
            }
            try {
                addresses.add(EmailAddress.parse(text, project.config().smtp().smtputf8()));
            } catch (InvalidAddressException e) {
                problems.add(Problem.inFile(Path.of("--to"), e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return List.copyOf(addresses);
    }
}
