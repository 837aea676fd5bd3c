package dev.newsletter.site;

import dev.newsletter.issue.Issue;
import dev.newsletter.issue.WebPage;

/** One issue on the site: the issue, its page's file name and URL, and the page itself. */
record PublishedIssue(Issue issue, String html, String baseUrl) {
    String path() {
        return WebPage.path(issue);
    }

    String url() {
        return WebPage.url(baseUrl, issue);
    }
}
