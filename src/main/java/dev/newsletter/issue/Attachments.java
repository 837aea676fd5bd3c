package dev.newsletter.issue;

import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code attachments:}, a list of files next to the issue file ({@link IssueFolder}'s rules),
 * each with its content type ({@link ContentTypes}). A file name must be one a reader can save: no
 * control characters (so none reaches a header), and no two attachments with the same name; all of
 * them together at most {@link #MAX_TOTAL} bytes.
 */
final class Attachments {
    /**
     * More than this in all is refused: base64 makes it a third larger in every message, and many
     * relays refuse messages over 10 to 25 MB (and a huge file would be read into memory).
     */
    static final long MAX_TOTAL = 10L * 1024 * 1024;

    private Attachments() {}

    static List<Attachment> read(YamlFile<?> yaml, IssueFolder folder, List<String> raw, Problems problems) {
        List<Attachment> attachments = new ArrayList<>();
        if (raw == null) {
            return attachments;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String at = "/attachments/" + i;
            Function<String, Problem> where = message -> yaml.at(at, message);
            String name = raw.get(i);
            if (name == null || name.isBlank()) {
                problems.add(where.apply("an attachment needs the path of a file next to the issue"));
                continue;
            }
            folder.file(name, "attachment", where, problems).ifPresent(named -> {
                try {
                    Attachment attachment = new Attachment(
                            named.file(), named.path(), ContentTypes.of(named.file()), Files.size(named.file()));
                    if (!names.add(attachment.fileName())) {
                        problems.add(where.apply("two attachments are named '" + attachment.fileName()
                                + "'; a reader could save only one of them"));
                    } else {
                        attachments.add(attachment);
                    }
                } catch (IOException e) {
                    problems.add(where.apply("attachment '" + named.path() + "' cannot be read: " + e.getMessage()));
                }
            });
        }
        long total = attachments.stream().mapToLong(Attachment::bytes).sum();
        if (total > MAX_TOTAL) {
            problems.add(yaml.at(
                    "/attachments",
                    "the attachments are " + (total + 1023) / 1024 + " KB in all; at most " + MAX_TOTAL / 1024
                            + " KB can go with every message: link to big files instead"));
        }
        return attachments;
    }
}
