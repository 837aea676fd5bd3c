package dev.newsletter.check;

import dev.newsletter.app.Project;
import dev.newsletter.issue.WebPage;
import dev.newsletter.site.SiteWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code web-version}: every message links to the issue's web page; warn when {@code site/} does not
 * have it yet, so the link would not be broken once the site is copied to {@code newsletter.baseUrl}.
 */
final class WebVersionCheck {
    private WebVersionCheck() {}

    static void check(Project project, List<CheckResult> results) {
        Path site = SiteWriter.defaultDir(project.config());
        Path page = site.resolve(WebPage.path(project.issue()));
        String url = WebPage.url(project.config().newsletter().baseUrl(), project.issue());
        if (Files.isRegularFile(page)) {
            results.add(CheckResult.pass("web-version", "published in site/ for " + url));
        } else {
            results.add(CheckResult.warn(
                    "web-version",
                    "the messages link to " + url + ", but site/ has no " + WebPage.path(project.issue())
                            + " yet; run ./newsletter publish"));
        }
    }
}
