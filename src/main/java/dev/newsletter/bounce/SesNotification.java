package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amazon SES bounce and complaint events delivered as mail (an SNS subscription by email, or SES
 * feedback forwarding set to JSON): the event is JSON, usually quoted as a string inside the SNS
 * envelope's {@code "Message"}. A {@code Permanent} bounce is hard or soft by its status and words
 * like any other; a {@code Transient} one is always soft; a complaint names its complainers.
 * Read with patterns on the unquoted text rather than a JSON parser: the envelope is often not
 * valid JSON by the time it has been through mail (wrapped lines, a cut body).
 */
final class SesNotification {
    private static final int MAX_RECIPIENTS = 1_000;
    private static final Pattern TYPE =
            Pattern.compile("\"notificationType\"\\s*:\\s*\"(Bounce|Complaint)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_TYPE = Pattern.compile("\"bounceType\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern RECIPIENT = Pattern.compile("\\{[^{}]*?\"emailAddress\"\\s*:\\s*\"([^\"]+)\"[^{}]*}");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DIAGNOSTIC = Pattern.compile("\"diagnosticCode\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Our Message-ID, when the event carries the original's headers ({@code "headers":[{"name":"Message-ID",…}]}). */
    private static final Pattern ORIGINAL_ID = Pattern.compile(
            "\"name\"\\s*:\\s*\"message-id\"\\s*,\\s*\"value\"\\s*:\\s*\"(<[^<>\"\\s]{1,250}@[^<>\"\\s]{1,250}>)\"",
            Pattern.CASE_INSENSITIVE);

    private SesNotification() {}

    /** The event's text with one level of JSON string quoting undone, or null when the message is no SES event. */
    static String event(MailParts parts) {
        String text = parts.plainText.toString();
        if (text.indexOf("notificationType") < 0) {
            return null;
        }
        String unquoted = text.replace("\\\"", "\"").replace("\\\\", "\\").replaceAll("\\r?\\n\\s?", "");
        return TYPE.matcher(unquoted).find() ? unquoted : null;
    }

    static List<Finding> findings(String event, String reportsMessageId) {
        String carried = firstGroup(ORIGINAL_ID, event);
        String messageId = carried != null ? carried : reportsMessageId;
        Matcher type = TYPE.matcher(event);
        type.find();
        boolean complaint = type.group(1).equalsIgnoreCase("complaint");
        String list = listAfter(event, complaint ? "complainedRecipients" : "bouncedRecipients");
        Matcher bounceType = BOUNCE_TYPE.matcher(event);
        boolean permanent = bounceType.find() && bounceType.group(1).equalsIgnoreCase("permanent");
        List<Finding> findings = new ArrayList<>();
        Matcher recipient = RECIPIENT.matcher(list);
        while (recipient.find() && findings.size() < MAX_RECIPIENTS) {
            String address = Addresses.first(recipient.group(1));
            if (complaint) {
                findings.add(Finding.of(Kind.COMPLAINT, address, null, "Amazon SES complaint", messageId));
                continue;
            }
            String object = recipient.group();
            String status = firstGroup(STATUS, object);
            String code = status == null ? null : StatusCodes.field(status);
            String diagnostic = firstGroup(DIAGNOSTIC, object);
            String words = (diagnostic == null ? "" : DeliveryStatusReport.withoutType(diagnostic)) + " " + status;
            boolean hard = permanent && FailureReasons.isHard(code, words, true);
            String shown = diagnostic != null
                    ? diagnostic
                    : "Amazon SES " + (permanent ? "permanent" : "transient") + " bounce";
            findings.add(Finding.of(hard ? Kind.HARD_BOUNCE : Kind.SOFT_BOUNCE, address, code, shown, messageId));
        }
        if (findings.isEmpty()) {
            findings.add(Finding.of(
                    complaint ? Kind.COMPLAINT : Kind.SOFT_BOUNCE, null, null, "Amazon SES event", messageId));
        }
        return findings;
    }

    /** The text of the JSON array named {@code name} (to its closing bracket), or "" when there is none. */
    private static String listAfter(String event, String name) {
        int at = event.indexOf("\"" + name + "\"");
        if (at < 0) {
            return "";
        }
        int end = event.indexOf(']', at);
        return event.substring(at, end < 0 ? event.length() : end);
    }

    private static String firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }
}
