package dev.newsletter.cli;

import dev.newsletter.config.Config;
import dev.newsletter.site.SiteWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        header = "Write an issue's web page, the index and the Atom feed.",
        description = {
            "Write the issue's web page (<issue-id>.html, where the messages' \"View this email in",
            "your browser\" link points under newsletter.baseUrl), index.html and feed.xml, listing",
            "every published issue under issues/. A draft (draft: true) or an issue dated after today",
            "is not published. Copy the folder to the web server that serves newsletter.baseUrl."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter publish issues/2024-fall.yaml",
            "  ./newsletter publish issues/2024-fall.yaml --out /srv/www/newsletter"
        })
final class PublishCommand implements Callable<Integer> {
    @Mixin
    IssueOptions options;

    private final Context context;

    @Option(names = "--out", paramLabel = "DIR", description = "Site folder (default: site/ in the project folder).")
    Path out;

    PublishCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Config loaded = options.config();
        SiteWriter.Result result = new SiteWriter(loaded, context.clock())
                .publish(options.issue(), out == null ? SiteWriter.defaultDir(loaded) : out);
        SiteCommand.print(context, result);
        return ExitCode.OK;
    }
}
