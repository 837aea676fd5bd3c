package dev.newsletter.check;

import dev.newsletter.issue.Attachment;
import dev.newsletter.issue.Issue;
import java.util.List;

/**
 * {@code attachments}: every recipient downloads the issue's attachments with the message; warn
 * above 1 MB in all (a link to the file is usually better: smaller messages, fewer spam points, and
 * the file can still change). Silent when the issue has none.
 */
final class AttachmentSizeCheck {
    static final long MAX_ALL = 1024 * 1024;

    private AttachmentSizeCheck() {}

    static void check(Issue issue, List<CheckResult> results) {
        List<Attachment> attachments = issue.attachments();
        if (attachments.isEmpty()) {
            return;
        }
        long total = attachments.stream().mapToLong(Attachment::bytes).sum();
        List<String> details = attachments.stream()
                .map(a -> a.fileName() + ": " + a.contentType() + ", " + kb(a.bytes()))
                .toList();
        String summary =
                attachments.size() + (attachments.size() == 1 ? " attachment, " : " attachments, ") + kb(total);
        if (total > MAX_ALL) {
            results.add(CheckResult.warn(
                            "attachments",
                            summary + ": over " + kb(MAX_ALL)
                                    + " in every message; a link to the file is usually better")
                    .with(details));
        } else {
            results.add(CheckResult.pass("attachments", summary).with(details));
        }
    }

    private static String kb(long bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }
}
