package dev.newsletter.cli;

import dev.newsletter.config.Config;
import dev.newsletter.site.SiteWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        header = "Write every published issue's web page, the index and the feed.",
        description = {
            "Write every published issue under issues/ as <issue-id>.html, with index.html and",
            "feed.xml. Drafts (draft: true) and issues dated after today are skipped and named."
        },
        footerHeading = "%nExamples:%n",
        footer = {"  ./newsletter site", "  ./newsletter site --out /srv/www/newsletter"})
final class SiteCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    @Option(names = "--out", paramLabel = "DIR", description = "Site folder (default: site/ in the project folder).")
    Path out;

    SiteCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Config loaded = config.load();
        print(context, new SiteWriter(loaded, context.clock()).site(out == null ? SiteWriter.defaultDir(loaded) : out));
        return ExitCode.OK;
    }

    /** The files written, one a line, then each skipped issue and why. */
    static void print(Context context, SiteWriter.Result result) {
        result.written().forEach(context.out()::println);
        result.skipped().forEach(line -> context.out().println("skipped " + line));
    }
}
