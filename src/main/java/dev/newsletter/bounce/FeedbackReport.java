package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RFC 5965 ARF feedback reports: a mailbox provider telling us that its user marked our message as
 * spam. The complainer is the original's recipient: {@code Original-Rcpt-To} (or an opt-out
 * report's {@code Removal-Recipient}), else the {@code To}
 * of the attached original (Microsoft's JMRP reports name it in {@code X-HmXmrOriginalRecipient}).
 * Only the types a reader sends are complaints: an {@code auth-failure} (DMARC) report, {@code
 * virus} or {@code not-spam} is {@code other}.
 */
final class FeedbackReport {
    /**
     * The feedback types a reader sends (RFC 5965 {@code abuse}, {@code fraud}; RFC 6449 {@code
     * opt-out}), and none at all. An {@code auth-failure} (RFC 6591, a DMARC failure report), a
     * {@code virus} or {@code not-spam} report, or an unknown type, is not the reader's complaint.
     */
    private static final Set<String> COMPLAINT_TYPES = Set.of("", "abuse", "fraud", "opt-out", "complaint");

    private FeedbackReport() {}

    /** True when the message is a feedback report (or a Microsoft JMRP report). */
    static boolean applies(MailParts parts) {
        return !parts.feedbackReports.isEmpty()
                || parts.reportType().equals("feedback-report")
                || parts.original.has("x-hmxmroriginalrecipient");
    }

    static List<Finding> findings(MailParts parts, String messageId) {
        Headers report = parts.feedbackReports.isEmpty() ? new Headers() : Headers.parse(parts.feedbackReports.get(0));
        String type = report.first("feedback-type").strip().toLowerCase(Locale.ROOT);
        List<String> recipients = new ArrayList<>();
        for (String field : List.of("original-rcpt-to", "removal-recipient")) {
            for (String value : report.all(field)) {
                recipients.addAll(Addresses.all(value));
            }
        }
        if (recipients.isEmpty()) {
            recipients.addAll(Addresses.all(parts.original.first("x-hmxmroriginalrecipient")));
        }
        if (recipients.isEmpty()) {
            recipients.addAll(Addresses.all(String.join(", ", parts.original.all("to"))));
        }
        Kind kind = COMPLAINT_TYPES.contains(type) ? Kind.COMPLAINT : Kind.OTHER;
        String diagnostic = "Feedback-Type: " + (type.isEmpty() ? "abuse" : type)
                + (report.first("user-agent").isEmpty() ? "" : " (" + report.first("user-agent") + ")");
        List<Finding> findings = new ArrayList<>();
        if (recipients.isEmpty()) {
            findings.add(Finding.of(kind, null, null, diagnostic, messageId));
        }
        for (String recipient : recipients) {
            if (findings.size() < 100) {
                findings.add(Finding.of(kind, recipient, null, diagnostic, messageId));
            }
        }
        return findings;
    }
}
