package dev.newsletter.issue;

import java.nio.file.Path;

/**
 * A file sent with every message of an issue ({@code attachments:} in the issue file): a file in the
 * issue's folder (or below it).
 *
 * @param file the file on disk
 * @param path where it is relative to the issue file's folder, with {@code /}
 * @param contentType its media type, detected from its first bytes (else its name, else {@code
 *     application/octet-stream})
 * @param bytes its size
 */
public record Attachment(Path file, String path, String contentType, long bytes) {

    /** The file's name as readers see it: without its folders. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
