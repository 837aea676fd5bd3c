package dev.newsletter.cli;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.app.Audience;
import dev.newsletter.app.IssueComposer;
import dev.newsletter.app.Project;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.OutgoingMessage;
import dev.newsletter.subscriber.Subscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "render",
        mixinStandardHelpOptions = true,
        header = "Write one subscriber's issue as .html, .txt and .eml files.",
        description = {
            "Write one subscriber's personalised issue as .html, .txt and .eml files and print their" + " paths."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter render issues/2024-fall.yaml",
            "  ./newsletter render issues/2024-fall.yaml --out /tmp/preview \\",
            "      --subscriber ann@example.org",
            "  ./newsletter render issues/2024-fall.yaml --tag alumni   (the segment's first)"
        })
final class RenderCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithSegment options;

    private final Context context;

    @Option(
            names = "--subscriber",
            paramLabel = "EMAIL",
            description = "Render for this subscriber of the list (default: the first active one).")
    String subscriber;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: outbox/<issue>/render).")
    Path out;

    RenderCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Audience audience = options.audience();
        Project project = options.project();
        String listName;
        Subscriber who;
        if (audience.isWholeList()) {
            listName = project.list(options.list());
            who = chooseSubscriber(project, listName);
        } else {
            Audience.Member member = chooseMember(project, audience);
            listName = member.list();
            who = member.subscriber();
        }
        IssueComposer composer = project.composer(
                listName, project.messageIds(listName, context.env()), "", context.env(), context.clock());
        Letter letter = composer.letter(who);
        OutgoingMessage message = composer.message(letter);
        Path folder = out == null ? project.outbox().resolve("render") : out;
        String base = project.issue().id() + "-" + who.email().toString().replaceAll("[^A-Za-z0-9@._+-]", "_");
        try {
            Files.createDirectories(folder);
            Path html = folder.resolve(base + ".html");
            Path text = folder.resolve(base + ".txt");
            Path eml = folder.resolve(base + ".eml");
            Files.writeString(html, letter.content().html(), StandardCharsets.UTF_8);
            Files.writeString(text, letter.content().text(), StandardCharsets.UTF_8);
            Files.write(eml, message.bytes()); // exactly what a send would put on the wire
            context.out().println(html);
            context.out().println(text);
            context.out().println(eml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + folder, e);
        }
        return ExitCode.OK;
    }

    /** With several lists or a segment: the given subscriber on the first list that has them, else the first recipient. */
    private Audience.Member chooseMember(Project project, Audience audience) {
        if (subscriber == null) {
            return audience.first(project)
                    .orElseThrow(() -> InvalidInputException.of(Problem.inFile(
                            project.config().listFile(project.list(audience.firstList())),
                            "no active subscriber in " + audience.describe(project)
                                    + " to render for; use --subscriber")));
        }
        try {
            EmailAddress email = EmailAddress.parse(subscriber, true);
            return audience.find(project, email)
                    .orElseThrow(() -> InvalidInputException.of(Problem.inFile(
                            project.config().listFile(project.list(audience.firstList())),
                            email + " is not on " + audience.describe(project))));
        } catch (InvalidAddressException e) {
            throw InvalidInputException.of(Problem.inFile(Path.of("--subscriber"), e.getMessage()));
        }
    }

    private Subscriber chooseSubscriber(Project project, String listName) {
        Path listFile = project.config().listFile(listName);
        if (subscriber == null) {
            return project.firstActive(listName)
                    .orElseThrow(() -> InvalidInputException.of(
                            Problem.inFile(listFile, "no active subscriber to render for; use --subscriber")));
        }
        try {
            EmailAddress email = EmailAddress.parse(subscriber, true);
            return project.subscriber(listName, email)
                    .orElseThrow(
                            () -> InvalidInputException.of(Problem.inFile(listFile, email + " is not on this list")));
        } catch (InvalidAddressException e) {
            throw InvalidInputException.of(Problem.inFile(Path.of("--subscriber"), e.getMessage()));
        }
    }
}
