package dev.newsletter.cli;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.app.Destination;
import dev.newsletter.app.Project;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        header = "Send a [TEST] copy of an issue to the given addresses only.",
        description = {
            "Send a test of an issue to the given addresses only, subject prefixed [TEST].",
            "An address that is on the list gets that subscriber's personalisation.",
            "Test sends are journaled separately and go out every time."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter test issues/2024-fall.yaml --to me@example.org",
            "  ./newsletter test issues/2024-fall.yaml --to ann@example.org,bob@example.org"
        })
final class TestCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "ISSUE", description = "The issue file.")
    Path issueFile;

    @Option(
            names = "--to",
            required = true,
            split = ",",
            paramLabel = "ADDR",
            description = "Where to send the test (comma-separated or repeated).")
    List<String> to;

    @Option(names = "--list", paramLabel = "NAME", description = "List to personalise from (default: newsletter.list).")
    String list;

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
        Project project = Project.load(config.load(), issueFile);
        String listName = project.list(list);
        List<Subscriber> recipients = recipients(project, listName);
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .format(context.clock().instant().atZone(java.time.ZoneOffset.UTC));
        var composer = project.composer(
                listName,
                MessageIds.forTest(project.issue().id(), stamp, project.senderDomain()),
                "[TEST] ",
                context.env(),
                context.clock());
        recipients.forEach(composer::compose);
        SendOptions options = new SendOptions(
                1,
                java.util.OptionalLong.empty(),
                true,
                project.config().sending().retry(),
                project.config().sending().maxErrors());
        AtomicReference<Mailing> running = new AtomicReference<>();
        try (DeliveryJournal journal =
                        DeliveryJournal.open(project.testJournalFile(), project.sendLockFile(), context.clock());
                Destination transport = Destination.open(
                        project.config(),
                        context.env(),
                        context.clock(),
                        project.outbox().resolve("test"),
                        project.senderDomain(),
                        reason -> running.get().stop(reason))) {
            context.out().println("Sending a test through " + transport.description());
            Mailing mailing = new Mailing(transport.mailers(), Journal.recordOnly(journal));
            running.set(mailing);
            MailingReport report = mailing.send(recipients::forEach, composer, options, Progress.none());
            context.out().println(report.summary());
            return report.complete() ? ExitCode.OK : ExitCode.INCOMPLETE;
        }
    }

    private List<Subscriber> recipients(Project project, String listName) {
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
        return addresses.stream()
                .map(address -> project.subscriber(listName, address).orElse(Subscriber.adHoc(address)))
                .toList();
    }
}
