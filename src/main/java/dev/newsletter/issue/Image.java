package dev.newsletter.issue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A picture of an issue: a file in the issue's folder (or below it), its alt text, and its size in
 * pixels and bytes, read from the file. An item's {@code image:} or a Markdown image.
 *
 * @param file the file on disk
 * @param path where it is relative to the issue file's folder, with {@code /}: also its path on the
 *     site and under {@code baseUrl} ({@link WebPage#imageUrl})
 * @param contentType {@code image/png}, {@code image/jpeg} or {@code image/gif}, from the file's content
 */
public record Image(Path file, String path, String alt, int width, int height, long bytes, String contentType) {

    /**
     * The picture's {@code Content-ID} when it is embedded in a message (without the angle
     * brackets): derived from its path, so the same in every message and on every run, and made of
     * letters, digits, {@code .} and {@code @} only, so its {@code cid:} URL needs no escaping.
     */
    public String contentId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(path.getBytes(StandardCharsets.UTF_8));
            return "img." + HexFormat.of().formatHex(digest, 0, 12) + "@newsletter.invalid";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** The {@code cid:} URL (RFC 2392) of the embedded picture. */
    public String cid() {
        return "cid:" + contentId();
    }

    /** The file's name, without its folders. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
