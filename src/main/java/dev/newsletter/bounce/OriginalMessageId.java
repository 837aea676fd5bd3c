package dev.newsletter.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID of the message a report is about: from the attached original's headers, a DSN's
 * {@code Original-Message-ID}, the report's own {@code In-Reply-To} / {@code References} (auto-replies,
 * some bounces), or a {@code Message-ID:} line quoted in the text.
 */
final class OriginalMessageId {
    private static final Pattern ID = Pattern.compile("<[^<>\\s\"]{1,250}@[^<>\\s\"]{1,250}>");
    private static final Pattern IN_REPORT =
            Pattern.compile("(?im)^\\s*(?:x-)?original-message-id\\s*:\\s*(<[^<>\\s]{1,250}@[^<>\\s]{1,250}>)");
    private static final Pattern IN_TEXT =
            Pattern.compile("(?im)^[ \\t>|]*message-id\\s*:\\s*(<[^<>\\s]{1,250}@[^<>\\s]{1,250}>)");

    private OriginalMessageId() {}

    static String of(MailParts parts) {
        String id = first(parts.original.first("message-id"));
        if (id != null) {
            return id;
        }
        for (String report : parts.deliveryStatus) {
            Matcher matcher = IN_REPORT.matcher(report);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        id = first(parts.headers.first("in-reply-to"));
        if (id != null) {
            return id;
        }
        id = last(parts.headers.first("references"));
        if (id != null) {
            return id;
        }
        Matcher matcher = IN_TEXT.matcher(parts.text());
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String first(String value) {
        Matcher matcher = ID.matcher(value);
        return matcher.find() ? matcher.group() : null;
    }

    private static String last(String value) {
        Matcher matcher = ID.matcher(value);
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return last;
    }
}
