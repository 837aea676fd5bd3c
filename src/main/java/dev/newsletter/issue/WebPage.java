package dev.newsletter.issue;

/**
 * Where an issue is read on the web: {@code <baseUrl>/<issue-id>.html}. The one rule for both ends —
 * the "View this email in your browser" link in every message and the page {@code publish} writes —
 * so the link and the page cannot drift apart.
 */
public final class WebPage {
    private WebPage() {}

    /** The page's path under {@code baseUrl} and under the site folder, e.g. {@code 2024-fall.html}. */
    public static String path(Issue issue) {
        return issue.id() + ".html";
    }

    /** The absolute URL of the page, for {@code baseUrl} with or without a trailing slash. */
    public static String url(String baseUrl, Issue issue) {
        return base(baseUrl) + "/" + path(issue);
    }

    /** The absolute URL of an item's picture: {@code <baseUrl>/<its path next to the issue file>}. */
    public static String imageUrl(String baseUrl, Image image) {
        return base(baseUrl) + "/" + Html.relativeUrl(image.path());
    }

    /** {@code baseUrl} without trailing slashes; other site files (index, feed) live next to the pages. */
    public static String base(String baseUrl) {
        return baseUrl.replaceAll("/+$", "");
    }
}
