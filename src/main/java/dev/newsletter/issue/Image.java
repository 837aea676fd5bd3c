package dev.newsletter.issue;

import java.nio.file.Path;

/**
 * A picture of an item: a file in the issue's folder (or below it), its alt text, and its size in
 * pixels and bytes, read from the file.
 *
 * @param file the file on disk
 * @param path where it is relative to the issue file's folder, with {@code /}: also its path on the
 *     site and under {@code baseUrl} ({@link WebPage#imageUrl})
 */
public record Image(Path file, String path, String alt, int width, int height, long bytes) {}
