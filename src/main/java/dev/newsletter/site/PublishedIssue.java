package dev.newsletter.site;

import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.Item;
import dev.newsletter.issue.WebPage;
import java.util.List;
import java.util.stream.Stream;

/** One issue on the site: the issue, its page's file name and URL, and the page itself. */
record PublishedIssue(Issue issue, String html, String baseUrl) {
    String path() {
        return WebPage.path(issue);
    }

    /** The items' pictures, to copy next to the page. */
    List<Image> images() {
        return issue.sections().stream()
                .flatMap(section -> section.items().stream())
                .flatMap(item -> item instanceof Item.Paper paper ? paper.image().stream() : Stream.empty())
                .toList();
    }

    String url() {
        return WebPage.url(baseUrl, issue);
    }
}
