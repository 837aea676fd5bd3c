package dev.newsletter.cli;

import dev.newsletter.preview.PreviewOptions;
import dev.newsletter.preview.PreviewServer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        header = "Show an issue live in a browser, as a subscriber will get it.",
        description = {
            "Serve a local preview of the issue at http://127.0.0.1:PORT/ (loopback only): the HTML at"
                    + " desktop and phone width (390 px) beside the text part, the headers, a subscriber picker"
                    + " and the offline 'check' results. The page reloads by itself within a second of a change"
                    + " to the issue, its pictures, the templates and fragments, the subscriber list or the"
                    + " config; a YAML or template error shows on the page with file and line until it is fixed.",
            "It sends nothing and writes nothing. Ctrl-C stops it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter preview issues/2024-fall.yaml",
            "  ./newsletter preview issues/2024-fall.yaml --port 8025 \\",
            "      --subscriber ann@example.org --list pdl-packet",
            "",
            "Exit codes: 0 stopped with Ctrl-C; 2 could not start (no such config or issue",
            "            file, --subscriber not on the list, the port in use)."
        })
final class PreviewCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithList options;

    private final Context context;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "0",
            description = "Port on 127.0.0.1 (default: a free one; the address is printed).")
    int port;

    @Option(
            names = "--subscriber",
            paramLabel = "EMAIL",
            description = "Show the issue for this subscriber of the list (default: the first active one).")
    String subscriber;

    PreviewCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new CannotStartException("--port must be a port number from 1 to 65535 (0: any free port)");
        }
        PreviewOptions preview = new PreviewOptions(
                options.configOption.file,
                options.issue(),
                options.list(),
                Optional.ofNullable(subscriber),
                port,
                context.env(),
                context.clock());
        try (PreviewServer server = PreviewServer.start(preview)) {
            List<String> problems = server.problems();
            context.out().println("Preview of " + options.issue() + " at " + server.url());
            context.out().println("It reloads by itself on every save; Ctrl-C stops it.");
            problems.forEach(problem -> context.err().println("preview: " + problem));
            context.out().flush();
            context.err().flush();
            awaitSignal();
            return ExitCode.OK;
        }
    }

    private static void awaitSignal() {
        CountDownLatch stop = new CountDownLatch(1);
        if (!RunCommand.Signals.handle(stop::countDown)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "preview-stop"));
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
