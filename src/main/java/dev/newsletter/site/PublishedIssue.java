package dev.newsletter.site;

import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.WebPage;
import java.util.List;

/** One issue on the site: the issue, its page's file name and URL, and the page itself. */
record PublishedIssue(Issue issue, String html, String baseUrl) {
    String path() {
        return WebPage.path(issue);
    }

    /** The issue's pictures (items' and Markdown's), to copy next to the page. */
    List<Image> images() {
        return issue.images();
    }

    String url() {
        return WebPage.url(baseUrl, issue);
    }
}
