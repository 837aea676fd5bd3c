package dev.newsletter.http;

import java.nio.file.Path;

/**
 * The static site the daemon serves ({@code http.site: true}): the folder {@code publish} writes and
 * the path of {@code baseUrl} it is served under.
 *
 * @param root the folder ({@code site/})
 * @param basePath the path of {@code baseUrl}, without a trailing slash: {@code /newsletter}, or ""
 */
public record SiteFolder(Path root, String basePath) {
    public SiteFolder {
        basePath = basePath == null ? "" : basePath.replaceAll("/+$", "");
    }
}
