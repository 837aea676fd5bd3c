package dev.newsletter.site;

import dev.newsletter.text.HtmlEscape;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: every published issue, newest first, each linked by its page's relative path
 * (so the site works wherever it is served), with the feed advertised for readers that discover it.
 */
final class IndexPage {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private IndexPage() {}

    /** {@code issues} newest first. */
    static String html(String newsletter, List<PublishedIssue> issues) {
        String name = HtmlEscape.escape(newsletter);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(name)
                .append(" — all issues</title>\n")
                .append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
                .append(name)
                .append("\" href=\"")
                .append(SiteWriter.FEED)
                .append("\">\n<style>\n")
                .append("body{margin:0;padding:32px 16px;background:#eef1f5;color:#1f2933;")
                .append("font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}\n")
                .append(
                        "main{max-width:600px;margin:0 auto;background:#fff;border-top:5px solid #c41230;padding:24px}\n")
                .append("h1{margin:0 0 16px;color:#14213d}li{margin:0 0 14px}a{color:#0b4f9e}")
                .append(".date{color:#52606d;font-size:14px}.preheader{margin:2px 0 0;font-size:15px}\n")
                .append("</style>\n</head>\n<body>\n<main>\n<h1>")
                .append(name)
                .append("</h1>\n<ul>\n");
        for (PublishedIssue issue : issues) {
            out.append("<li><a href=\"")
                    .append(HtmlEscape.escape(issue.path()))
                    .append("\">")
                    .append(HtmlEscape.escape(issue.issue().subject()))
                    .append("</a> <span class=\"date\">")
                    .append(DATE.format(issue.issue().date()))
                    .append("</span>");
            if (!issue.issue().preheader().isEmpty()) {
                out.append("\n<p class=\"preheader\">")
                        .append(HtmlEscape.escape(issue.issue().preheader()))
                        .append("</p>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n<p><a href=\"")
                .append(SiteWriter.FEED)
                .append("\">Atom feed</a></p>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
