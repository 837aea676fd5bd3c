package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Messages in the formats that arrive in a bounce mailbox, built for tests (example.com /
 * example.org only). {@link #ORIGINAL_ID} is the Message-ID of the newsletter they answer.
 */
final class Bounces {
    private static final BounceClassifier CLASSIFIER = new BounceClassifier(Optional.empty());

    /** What the classifier (without an unsubscribe secret) finds in {@code message}. */
    static List<Finding> classify(String message) {
        return CLASSIFIER.classify(message.getBytes(StandardCharsets.UTF_8));
    }

    /** The one finding in {@code message}. */
    static Finding only(String message) {
        List<Finding> findings = classify(message);
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    static void assertFinding(Finding finding, Kind kind, String recipient, String status) {
        assertThat(finding.kind()).as("kind").isEqualTo(kind);
        assertThat(finding.recipient()).as("recipient").isEqualTo(recipient);
        assertThat(finding.status()).as("status").isEqualTo(status);
    }

    static final String ORIGINAL_ID = "<2024-fall.9f86d081884c7d65@pdl.example.org>";
    static final String SENDER = "bounces@pdl.example.org";

    private Bounces() {}

    /** The headers of our newsletter as a bounce quotes or attaches them. */
    static String originalHeaders(String to) {
        return """
                Return-Path: <bounces@pdl.example.org>
                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                Subject: The PDL Packet, fall 2024
                Message-ID: %s
                List-Id: <packet.pdl.example.org>
                Date: Mon, 04 Nov 2024 09:00:00 +0000
                """.formatted(to, ORIGINAL_ID);
    }

    static String original(String to) {
        return originalHeaders(to) + "Content-Type: text/plain; charset=utf-8\n\nHello, readers.\n";
    }

    /** An RFC 3464 report: the given per-recipient groups, the original attached as message/rfc822. */
    static String dsn(String humanText, String... recipientGroups) {
        StringBuilder groups = new StringBuilder();
        for (String group : recipientGroups) {
            groups.append('\n').append(group.strip()).append('\n');
        }
        return """
                From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

                This is a MIME-encapsulated message.

                --B1
                Content-Type: text/plain; charset=us-ascii

                %s

                --B1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com
                Arrival-Date: Mon,  4 Nov 2024 09:00:01 +0000
                %s
                --B1
                Content-Type: message/rfc822

                %s
                --B1--
                """.formatted(humanText, groups, original("reader@example.com"));
    }

    static String group(String recipient, String action, String status, String diagnostic) {
        return "Final-Recipient: rfc822; " + recipient + "\nAction: " + action + "\nStatus: " + status
                + (diagnostic == null ? "" : "\nDiagnostic-Code: smtp; " + diagnostic) + "\n";
    }

    /** A plain-text bounce with the original quoted after a marker line. */
    static String text(String from, String subject, String body) {
        return """
                From: %s
                To: bounces@pdl.example.org
                Subject: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8

                %s
                """.formatted(from, subject, body);
    }

    /** A multipart/mixed bounce: text, then the original as message/rfc822 (or its headers as text/rfc822-headers). */
    static String withAttachedOriginal(String from, String subject, String body, String originalType, String to) {
        String attached = originalType.equals("message/rfc822") ? original(to) : originalHeaders(to);
        return """
                From: %s
                To: bounces@pdl.example.org
                Subject: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="M1"

                --M1
                Content-Type: text/plain; charset=utf-8

                %s
                --M1
                Content-Type: %s

                %s
                --M1--
                """.formatted(from, subject, body, originalType, attached);
    }

    static String arf(String feedbackType, String originalRcptTo, String originalTo) {
        return """
                From: Example Mail <feedback@example.net>
                To: abuse@pdl.example.org
                Subject: Abuse report
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F1"

                --F1
                Content-Type: text/plain

                This is an email abuse report for an email message received from IP 192.0.2.1.

                --F1
                Content-Type: message/feedback-report

                Feedback-Type: %s
                User-Agent: ExampleFBL/1.0
                Version: 1
                Original-Mail-From: <bounces@pdl.example.org>
                %s
                Arrival-Date: Mon, 04 Nov 2024 09:00:05 +0000
                Reported-Domain: pdl.example.org

                --F1
                Content-Type: message/rfc822

                %s
                --F1--
                """.formatted(
                        feedbackType,
                        originalRcptTo == null ? "" : "Original-Rcpt-To: " + originalRcptTo,
                        original(originalTo));
    }
}
