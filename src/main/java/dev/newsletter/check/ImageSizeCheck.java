package dev.newsletter.check;

import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code image-size}: the issue's pictures (items' and Markdown's) are fetched or carried by every reader who opens the message; warn
 * above 200 KB for one picture or 1 MB for all of them (slow on a phone, and some clients stop
 * loading). Silent when the issue has no pictures.
 */
final class ImageSizeCheck {
    static final long MAX_ONE = 200 * 1024;
    static final long MAX_ALL = 1024 * 1024;

    private ImageSizeCheck() {}

    static void check(Issue issue, List<CheckResult> results) {
        List<Image> images = issue.images();
        if (images.isEmpty()) {
            return;
        }
        long total = images.stream().mapToLong(Image::bytes).sum();
        List<String> big = new ArrayList<>();
        images.stream()
                .filter(image -> image.bytes() > MAX_ONE)
                .forEach(image -> big.add(image.path() + ": " + kb(image.bytes()) + " (over " + kb(MAX_ONE) + ")"));
        String summary = images.size() + (images.size() == 1 ? " picture, " : " pictures, ") + kb(total);
        if (!big.isEmpty() || total > MAX_ALL) {
            results.add(CheckResult.warn(
                            "image-size",
                            summary + ": make them smaller (over " + kb(MAX_ONE) + " each or " + kb(MAX_ALL)
                                    + " in all is slow to load)")
                    .with(big));
        } else {
            results.add(CheckResult.pass("image-size", summary));
        }
    }

    private static String kb(long bytes) {
        return (bytes + 1023) / 1024 + " KB";
    }
}
