package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RFC 3464 delivery status notifications: one finding per recipient group that failed or was
 * delayed ({@code Final-Recipient} / {@code Original-Recipient}, {@code Action}, {@code Status},
 * {@code Diagnostic-Code}). Groups that say {@code delivered}, {@code relayed} or {@code expanded}
 * report no failure and give nothing. A group whose recipient is no address (a mailbox file, a
 * program) takes the next address of {@code X-Failed-Recipients}. A generic status ({@code 5.0.0}) gives way to a specific one
 * in the diagnostic ({@code 550 5.1.1 …}); a missing one to what the words imply.
 */
final class DeliveryStatusReport {
    static final int MAX_RECIPIENTS = 10_000;

    private DeliveryStatusReport() {}

    /** The findings, or an empty list when the report names no failed recipient. */
    static List<Finding> findings(MailParts parts, String messageId) {
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        String text = parts.text();
        List<String> failedRecipients = new ArrayList<>();
        for (String header : parts.headers.all("x-failed-recipients")) {
            failedRecipients.addAll(Addresses.all(header));
        }
        for (String report : parts.deliveryStatus) {
            for (Headers group : Headers.groups(report)) {
                if (findings.size() >= MAX_RECIPIENTS) {
                    return findings;
                }
                String recipient = recipient(group);
                if (recipient == null && !group.has("action") && !group.has("status")) {
                    continue; // the per-message group, or noise
                }
                if (recipient == null) {
                    // Final-Recipient names a mailbox file or a program: the address is in X-Failed-Recipients
                    recipient = failedRecipients.stream()
                            .filter(address -> !seen.contains(address))
                            .findFirst()
                            .orElse(null);
                }
                String action = firstWord(group.first("action"));
                if (action.equals("delivered") || action.equals("relayed") || action.equals("expanded")) {
                    continue;
                }
                if (recipient != null && !seen.add(recipient)) {
                    continue;
                }
                findings.add(finding(group, recipient, action, text, messageId));
            }
        }
        return findings;
    }

    private static Finding finding(Headers group, String recipient, String action, String text, String messageId) {
        String statusField = group.first("status");
        String diagnostic = withoutType(group.first("diagnostic-code"));
        String words = diagnostic + " " + statusField;
        if (diagnostic.isEmpty() && recipient != null) {
            words += " " + TextBounce.windowFor(text, recipient);
        }
        String status = StatusCodes.field(statusField);
        StatusCodes.Found inDiagnostic = StatusCodes.enhanced(diagnostic);
        if (inDiagnostic != null
                && (status == null || isGeneric(status))
                && (status == null || status.charAt(0) == inDiagnostic.code().charAt(0))) {
            status = inDiagnostic.code();
        }
        boolean temporary =
                action.equals("delayed") || (status != null && status.startsWith("4") && !action.equals("failed"));
        if (status == null || isGeneric(status)) {
            String implied = FailureReasons.impliedStatus(words, temporary);
            status = implied != null ? implied : status;
        }
        boolean hard = !action.equals("delayed") && FailureReasons.isHard(status, words, action.equals("failed"));
        String shown = diagnostic.isEmpty() ? statusField : diagnostic;
        return Finding.of(hard ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, recipient, status, shown, messageId);
    }

    /**
     * Final-Recipient (the address that failed, as RFC 3464 and other bounce readers report it), else
     * Original-Recipient (the address as we gave it in RCPT TO). Our messages have one recipient
     * each, so the journal, through the original's Message-ID, still names the one on our list.
     */
    private static String recipient(Headers group) {
        for (String field : List.of("final-recipient", "original-recipient", "x-actual-recipient")) {
            String address = Addresses.first(withoutType(group.first(field)));
            if (address != null) {
                return address;
            }
        }
        return null;
    }

    private static boolean isGeneric(String status) {
        return status.endsWith(".0.0") || status.equals("5.5.0") || status.equals("4.4.0") || status.equals("5.4.0");
    }

    /** {@code smtp; 550 …} → {@code 550 …}; {@code rfc822;a@b} → {@code a@b}. */
    static String withoutType(String value) {
        int semicolon = value.indexOf(';');
        if (semicolon > 0 && value.substring(0, semicolon).strip().matches("[A-Za-z0-9-]+")) {
            return value.substring(semicolon + 1).strip();
        }
        return value.strip();
    }

    private static String firstWord(String value) {
        String[] words = value.strip().toLowerCase(Locale.ROOT).split("[\\s(;]+", 2);
        return words.length == 0 ? "" : words[0];
    }
}
