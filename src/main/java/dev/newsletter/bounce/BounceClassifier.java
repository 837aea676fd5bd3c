package dev.newsletter.bounce;

import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells what one message in the bounce mailbox is, and about whom: a pure function of its bytes
 * (and the unsubscribe secret). The order of evidence:
 *
 * <ol>
 *   <li>an RFC 5965 feedback report → {@code complaint};
 *   <li>an RFC 3464 delivery status notification → a hard or soft bounce per failed recipient;
 *   <li>an Amazon SES bounce or complaint event sent as mail (JSON) → per recipient;
 *   <li>our own mailed unsubscribe ({@code Subject: unsubscribe-TOKEN}) → {@code unsubscribe};
 *   <li>a bounce written for people (from a mailer daemon, with a bounce subject or a bounce text)
 *       → a hard or soft bounce per address it names ({@link TextBounce});
 *   <li>an RFC 3834 automatic reply → {@code auto-reply};
 *   <li>anything else → {@code other}.
 * </ol>
 *
 * <p>Never throws for any input: a message that cannot be read is {@code other}, with why in the
 * diagnostic.
 */
public final class BounceClassifier {
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|undelivered|user unknown|unknown user|no such user|not delivered|returned mail|return(?:ed)? to sender|delivery (?:status|failure|failed|"
                    + "has failed|problem|report|notification|error|delayed|incomplete)|mail delivery|failure notice|"
                    + "could not (?:be )?deliver|non-?deliver|nondeliverable|\\bndr\\b|mail system error|"
                    + "delivery status notification|rejected|bounced?|failed delivery|message (?:not delivered|failed)|"
                    + "delayed mail|warning: could not send|unzustellbar|nicht zustellbar|non remis|"
                    + "non recapitabile|no se puede entregar|no entregado|não entregue|onbestelbaar|olevererbar|"
                    + "niedostarczon|未配達|配信(?:エラー|失敗|不能)|退信|无法投递|не доставлено");
    private static final Pattern BOUNCE_TEXT = Pattern.compile(
            "(?i)this is the mail system at|qmail-send program|mail delivery software|delivery has failed to these"
                    + "|could not be delivered to|wasn't able to deliver|was not able to deliver|unable to deliver"
                    + "|permanent fatal errors|the following address(?:es)? (?:had|failed)|delivery to the following"
                    + "|this is the mailer-daemon|did not reach some or all|couldn't be delivered|could not deliver"
                    + "|message could not be delivered|following recipients? (?:failed|could not)|delivery failed"
                    + "|your message (?:was not|wasn't|cannot be|could not be) delivered|undeliverable"
                    + "|transcript of session follows|requested action not taken|did not reach the following recipient|could not be reached|following message to .{0,200} was undeliverable");

    private final Optional<UnsubscribeTokens> tokens;

    /** @param tokens the unsubscribe secret's tokens, to check mailed unsubscribes; empty when none is set */
    public BounceClassifier(Optional<UnsubscribeTokens> tokens) {
        this.tokens = tokens;
    }

    public List<Finding> classify(byte[] message) {
        return classify(new ByteArrayInputStream(message));
    }

    /** The findings for one message (never empty); reads {@code message} to its end or to a limit. */
    public List<Finding> classify(InputStream message) {
        return read(message).findings();
    }

    /**
     * One message read: its own Message-ID (null when it has none), its findings (never empty), and
     * the addresses it was sent to ({@code To}, {@code Delivered-To}, {@code X-Original-To}, {@code
     * Envelope-To}, {@code Return-Path}, and the attached original's {@code Return-Path}: where a
     * return-path token is found), lowercased.
     */
    public record Read(String messageId, List<Finding> findings, List<String> addressedTo) {
        public Read {
            addressedTo = List.copyOf(addressedTo);
        }
    }

    private static final List<String> ADDRESSED_TO =
            List.of("delivered-to", "x-original-to", "envelope-to", "to", "return-path");

    /** Like {@link #classify(InputStream)}, with the message's own Message-ID (to know it again). */
    public Read read(InputStream message) {
        MailParts parts;
        try {
            parts = MimeReader.read(message);
        } catch (RuntimeException | StackOverflowError e) {
            // one unreadable message must not end a scan of thousands: say so in its finding
            return new Read(null, List.of(Finding.other("could not be classified: " + e, null)), List.of());
        }
        String own = parts.headers.first("message-id").strip();
        List<String> addressedTo = addressedTo(parts);
        try {
            return new Read(own.isEmpty() ? null : own, classify(parts), addressedTo);
        } catch (RuntimeException | StackOverflowError e) {
            return new Read(
                    own.isEmpty() ? null : own,
                    List.of(Finding.other("could not be classified: " + e, null)),
                    addressedTo);
        }
    }

    /**
     * Where the report was sent, and the attached original's {@code Return-Path} (which the
     * receiving server wrote from our {@code MAIL FROM}): where a return-path token may be.
     */
    private static List<String> addressedTo(MailParts parts) {
        List<String> addresses = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String name : ADDRESSED_TO) {
            values.addAll(parts.headers.all(name));
        }
        values.addAll(parts.original.all("return-path"));
        for (String value : values) {
            for (String address : Addresses.all(value)) {
                if (addresses.size() < 50 && !addresses.contains(address)) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private List<Finding> classify(MailParts parts) {
        String messageId = OriginalMessageId.of(parts);
        if (FeedbackReport.applies(parts)) {
            return FeedbackReport.findings(parts, messageId);
        }
        if (!parts.deliveryStatus.isEmpty()) {
            List<Finding> findings = DeliveryStatusReport.findings(parts, messageId);
            if (!findings.isEmpty()) {
                return findings;
            }
            if (!looksFailed(parts)) {
                return List.of(Finding.other("a delivery report that names no failure", messageId));
            }
        }
        String sesEvent = SesNotification.event(parts);
        if (sesEvent != null) {
            return SesNotification.findings(sesEvent, messageId);
        }
        if (MailedUnsubscribe.applies(parts)) {
            return List.of(MailedUnsubscribe.finding(parts, tokens, messageId));
        }
        if (isReceipt(parts)) {
            return List.of(Finding.other("a delivery or read receipt", messageId));
        }
        if (looksLikeBounce(parts)) {
            List<Finding> findings = TextBounce.findings(parts, messageId, notRecipients(parts));
            if (isSurelyABounce(parts) || findings.stream().anyMatch(finding -> finding.status() != null)) {
                return findings;
            }
            // only the subject looked like a bounce and nothing in the text says what failed: a person's mail
        }
        if (AutoReply.applies(parts)) {
            return List.of(AutoReply.finding(parts, messageId));
        }
        return List.of(Finding.other(parts.readProblem, messageId));
    }

    private static boolean looksFailed(MailParts parts) {
        return BOUNCE_TEXT.matcher(head(parts.text())).find() || parts.headers.has("x-failed-recipients");
    }

    static boolean looksLikeBounce(MailParts parts) {
        return isSurelyABounce(parts)
                || BOUNCE_SUBJECT.matcher(parts.headers.first("subject")).find();
    }

    /** A bounce by its report type, its sender or its text, not just by a subject a person could write. */
    private static boolean isSurelyABounce(MailParts parts) {
        Headers headers = parts.headers;
        String from = Addresses.first(headers.first("from"));
        return parts.reportType().equals("delivery-status")
                || headers.has("x-failed-recipients")
                || (from != null && Addresses.isMailSystem(from))
                || FROM_MAIL_SYSTEM.matcher(headers.first("from")).find()
                || BOUNCE_TEXT.matcher(head(parts.text())).find();
    }

    private static final Pattern FROM_MAIL_SYSTEM =
            Pattern.compile("(?i)mail delivery|mailer[-_ ]?daemon|post[-_.]?master|<>|mail system");

    private static final Pattern RECEIPT_SUBJECT = Pattern.compile(
            "(?i)\\((?:success|relay|delivered|relayed)\\)|^\\s*(?:delivered|read|relayed|gelesen|zugestellt|lu)\\s*:"
                    + "|read receipt|return receipt|successful mail delivery report");

    /** Delivery and read receipts: {@code report-type=disposition-notification}, or a success subject. */
    private static boolean isReceipt(MailParts parts) {
        return (parts.reportType().equals("disposition-notification")
                        && !BOUNCE_SUBJECT
                                .matcher(parts.headers.first("subject"))
                                .find())
                || RECEIPT_SUBJECT.matcher(parts.headers.first("subject")).find();
    }

    /** Addresses in a bounce that are the sender's or the mail system's, never the failed recipient. */
    private static Set<String> notRecipients(MailParts parts) {
        Set<String> addresses = new HashSet<>();
        for (String name : List.of("to", "cc", "from", "reply-to", "sender", "delivered-to", "x-original-to")) {
            for (String value : parts.headers.all(name)) {
                addresses.addAll(Addresses.all(value));
            }
        }
        for (String name : List.of("from", "sender", "reply-to", "return-path")) {
            for (String value : parts.original.all(name)) {
                addresses.addAll(Addresses.all(value));
            }
        }
        for (String value : parts.original.all("to")) {
            addresses.removeAll(Addresses.all(value));
        }
        return addresses;
    }

    private static String head(String text) {
        return text.length() > 8_000 ? text.substring(0, 8_000) : text;
    }
}
