package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.List;

/**
 * What the classifier needs from one message, read once: the top headers, the machine-readable
 * report parts (RFC 3464 delivery-status, RFC 5965 feedback-report), the headers of the attached
 * original, and the human-readable text. Every piece is capped, so a 50 MB message costs no more
 * memory than a small one.
 */
final class MailParts {
    static final int MAX_TEXT = 256 * 1024;
    static final int MAX_REPORT = 4 * 1024 * 1024;

    private static final java.util.regex.Pattern REPORT_TYPE =
            java.util.regex.Pattern.compile("(?i)report-type\\s*=\\s*\"?([\\w.-]+)");

    final Headers headers = new Headers();
    /** Headers of the first attached original (message/rfc822, text/rfc822-headers); empty if none. */
    Headers original = new Headers();

    final List<String> deliveryStatus = new ArrayList<>();
    final List<String> feedbackReports = new ArrayList<>();
    final StringBuilder plainText = new StringBuilder();
    final StringBuilder htmlText = new StringBuilder();
    /** Why reading stopped early (malformed MIME, a limit), or null when the whole message was read. */
    String readProblem;

    /** The report-type parameter of the top Content-Type, lowercased, or "". */
    String reportType() {
        var matcher = REPORT_TYPE.matcher(headers.first("content-type"));
        return matcher.find() ? matcher.group(1).toLowerCase(java.util.Locale.ROOT) : "";
    }

    /** The human-readable text of the message itself: its plain-text parts, else its HTML as text. */
    String text() {
        return plainText.isEmpty() ? htmlText.toString() : plainText.toString();
    }

    static void append(StringBuilder to, String text, int cap) {
        int room = cap - to.length();
        if (room <= 0) {
            return;
        }
        if (!to.isEmpty()) {
            to.append('\n');
        }
        to.append(text, 0, Math.min(text.length(), room));
    }
}
