package dev.newsletter.issue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The media type of an attached file: from its first bytes when they are a signature we know (PDF,
 * PNG, JPEG, GIF, ZIP and the formats built on it), else what the platform guesses from its name
 * ({@link Files#probeContentType}), else by a short table of extensions, else {@code
 * application/octet-stream}. Whatever is found must look like {@code type/subtype}, so no odd
 * platform answer reaches a header.
 */
final class ContentTypes {
    static final String FALLBACK = "application/octet-stream";
    private static final Pattern MEDIA_TYPE =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("csv", "text/csv"),
            Map.entry("md", "text/markdown"),
            Map.entry("ics", "text/calendar"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("zip", "application/zip"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"));

    private ContentTypes() {}

    static String of(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        String name = file.getFileName().toString();
        String extension =
                name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (starts(head, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return "image/png";
        }
        if (starts(head, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (starts(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(head, 'P', 'K', 3, 4)) {
            String zipped = BY_EXTENSION.get(extension); // docx, xlsx, odt... are zip files
            return zipped != null && zipped.startsWith("application/") ? zipped : "application/zip";
        }
        String probed = Files.probeContentType(file);
        if (probed != null
                && MEDIA_TYPE.matcher(probed.toLowerCase(Locale.ROOT)).matches()) {
            return probed.toLowerCase(Locale.ROOT);
        }
        return BY_EXTENSION.getOrDefault(extension, FALLBACK);
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        return Arrays.equals(Arrays.copyOf(head, signature.length), toBytes(signature));
    }

    private static byte[] toBytes(int[] values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
