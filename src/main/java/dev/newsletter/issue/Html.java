package dev.newsletter.issue;

import java.net.URI;
import java.net.URISyntaxException;

/** Escaping for the URLs the issue's HTML gets. */
final class Html {
    private Html() {}

    /** {@code value} for a double-quoted attribute. */
    static String attribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    /** A relative path as a URL path: spaces and non-ASCII characters percent-encoded. */
    static String relativeUrl(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }
}
