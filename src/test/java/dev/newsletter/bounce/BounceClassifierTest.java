package dev.newsletter.bounce;

import static dev.newsletter.bounce.Bounces.ORIGINAL_ID;
import static dev.newsletter.bounce.Bounces.assertFinding;
import static dev.newsletter.bounce.Bounces.classify;
import static dev.newsletter.bounce.Bounces.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The classifier on each format it reads, built here: standard reports first, then the texts servers write. */
class BounceClassifierTest {

    // RFC 3464

    @Test
    void aDsnForAnUnknownUserIsAHardBounceWithTheOriginalsMessageId() {
        Finding finding = only(Bounces.dsn(
                "I'm sorry to have to inform you that your message could not be delivered.",
                Bounces.group(
                        "Kijitora@Example.com",
                        "failed",
                        "5.1.1",
                        "550 5.1.1 <kijitora@example.com>... User Unknown")));

        assertFinding(finding, Kind.HARD_BOUNCE, "kijitora@example.com", "5.1.1");
        assertThat(finding.diagnostic()).isEqualTo("550 5.1.1 <kijitora@example.com>... User Unknown");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void aDsnAboutSeveralRecipientsGivesOneFindingEach() {
        List<Finding> findings = classify(Bounces.dsn(
                "Delivery failed.",
                Bounces.group("one@example.com", "failed", "5.1.1", "550 5.1.1 user unknown"),
                Bounces.group("two@example.org", "failed", "5.2.2", "552 5.2.2 Mailbox full"),
                Bounces.group(
                        "three@example.net", "delayed", "4.4.1", "connect to mx.example.net: Connection timed out"),
                Bounces.group("four@example.com", "delivered", "2.0.0", "250 ok")));

        assertThat(findings)
                .extracting(Finding::recipient)
                .containsExactly("one@example.com", "two@example.org", "three@example.net");
        assertThat(findings)
                .extracting(Finding::kind)
                .containsExactly(Kind.HARD_BOUNCE, Kind.SOFT_BOUNCE, Kind.SOFT_BOUNCE);
    }

    @Test
    void aGenericStatusGivesWayToTheCodeInTheDiagnostic() {
        Finding finding = only(Bounces.dsn(
                "Delivery failed.",
                Bounces.group(
                        "gone@example.com",
                        "failed",
                        "5.0.0",
                        "550-5.1.1 The email account that you tried to"
                                + " reach does not exist. Please try double-checking the recipient's email address")));

        assertFinding(finding, Kind.HARD_BOUNCE, "gone@example.com", "5.1.1");
    }

    @Test
    void outlookComsMailboxUnavailableIsHardAndItsBlockIsSoft() {
        Finding unknown = only(Bounces.dsn(
                "Delivery failed.",
                Bounces.group(
                        "nobody@example.com",
                        "failed",
                        "5.5.0",
                        "550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302)")));
        Finding blocked = only(Bounces.dsn(
                "Delivery failed.",
                Bounces.group(
                        "reader@example.com",
                        "failed",
                        "5.7.1",
                        "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet"
                                + " service provider since part of their network is on our block list (S3150).")));

        assertFinding(unknown, Kind.HARD_BOUNCE, "nobody@example.com", "5.1.1");
        assertFinding(blocked, Kind.SOFT_BOUNCE, "reader@example.com", "5.7.1");
    }

    @Test
    void theFinalRecipientIsReportedAndTheOriginalOneWhenItIsMissing() {
        Finding forwarded = only(Bounces.dsn("Delivery failed.", """
                Original-Recipient: rfc822;Reader@Example.org
                Final-Recipient: rfc822;reader.forwarded@example.net
                Action: failed
                Status: 5.1.1
                """));
        Finding withoutFinal = only(Bounces.dsn("Delivery failed.", """
                Original-Recipient: rfc822;Reader@Example.org
                Action: failed
                Status: 5.1.1
                """));

        assertThat(forwarded.recipient()).isEqualTo("reader.forwarded@example.net");
        assertThat(withoutFinal.recipient()).isEqualTo("reader@example.org");
    }

    @Test
    void softReasonsAreSoftWhateverElseTheTextSays() {
        for (String[] soft : new String[][] {
            {"5.2.2", "552 5.2.2 <a@example.com>: user is over quota"},
            {"5.3.4", "552 5.3.4 Message size exceeds fixed limit"},
            {"5.7.1", "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org"},
            {
                "5.7.26",
                "550 5.7.26 Unauthenticated email from pdl.example.org is not accepted due to domain's DMARC policy"
            },
            {"4.7.0", "421 4.7.0 Try again later, closing connection."},
            {"5.4.7", "delivery time expired"},
            {"5.0.0", "554 rejected due to spam content"}
        }) {
            Finding finding =
                    only(Bounces.dsn("Delivery failed.", Bounces.group("a@example.com", "failed", soft[0], soft[1])));
            assertThat(finding.kind()).as(soft[1]).isEqualTo(Kind.SOFT_BOUNCE);
        }
    }

    @Test
    void addressTextsWithoutACodeAreHard() {
        for (String hard : List.of(
                "550 Requested action not taken: no such user here",
                "550 Recipient address rejected: User unknown in virtual mailbox table",
                "550 <a@example.com>: Recipient address rejected: example.com mailbox does not exist",
                "554 delivery error: dd This user doesn't have a example.com account (a@example.com) [0]",
                "550 This account has been disabled or discontinued",
                "Host or domain name not found. Name service error for name=example.com type=A: Host not found",
                "550 Benutzer unbekannt",
                "553 5.3.0 <a@example.com>... No such user here",
                "551 User not local; please try <a@example.net>",
                "550 Utilisateur inconnu")) {
            Finding finding =
                    only(Bounces.dsn("Delivery failed.", Bounces.group("a@example.com", "failed", "5.0.0", hard)));
            assertThat(finding.kind()).as(hard).isEqualTo(Kind.HARD_BOUNCE);
        }
    }

    @Test
    void aDsnThatSaysDeliveredIsNoBounce() {
        Finding finding = only(Bounces.dsn(
                "Your message was delivered.", Bounces.group("a@example.com", "delivered", "2.0.0", "250 ok")));

        assertThat(finding.kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void aDsnWithTheOriginalsHeadersOnlyStillFindsItsMessageId() {
        String message = """
                From: MAILER-DAEMON@mx.example.com
                To: bounces@pdl.example.org
                Subject: Delivery Status Notification (Failure)
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary=X

                --X
                Content-Type: text/plain

                Delivery to the following recipient failed permanently.
                --X
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.com

                Final-Recipient: rfc822; lost@example.com
                Action: failed
                Status: 5.1.2
                --X
                Content-Type: text/rfc822-headers

                %s
                --X--
                """.formatted(Bounces.originalHeaders("lost@example.com"));

        Finding finding = only(message);

        assertFinding(finding, Kind.HARD_BOUNCE, "lost@example.com", "5.1.2");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    // ARF, auto-replies

    @Test
    void anArfAbuseReportIsAComplaintAboutTheOriginalRecipient() {
        Finding finding = only(Bounces.arf("abuse", "Reader@Example.com", "someone-else@example.com"));

        assertFinding(finding, Kind.COMPLAINT, "reader@example.com", null);
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void anArfReportWithoutOriginalRcptToNamesTheOriginalsTo() {
        Finding finding = only(Bounces.arf("abuse", null, "reader@example.com"));

        assertFinding(finding, Kind.COMPLAINT, "reader@example.com", null);
    }

    @Test
    void anArfNotSpamReportIsNoComplaint() {
        assertThat(only(Bounces.arf("not-spam", "reader@example.com", "reader@example.com"))
                        .kind())
                .isEqualTo(Kind.OTHER);
    }

    @Test
    void autoRepliesAreNeverBounces() {
        String byHeader = """
                From: Reader <reader@example.com>
                To: packet@pdl.example.org
                Subject: Re: The PDL Packet, fall 2024
                Auto-Submitted: auto-replied
                In-Reply-To: %s

                I am away until Monday, with no access to email. Mail for unknown user questions goes to my colleague.
                """.formatted(ORIGINAL_ID);
        String bySubject = """
                From: reader@example.org
                To: packet@pdl.example.org
                Subject: Abwesenheitsnotiz: The PDL Packet
                References: <older@pdl.example.org> %s

                Ich bin bis 12. November nicht im Büro.
                """.formatted(ORIGINAL_ID);
        String byPrecedence = """
                From: reader@example.net
                To: packet@pdl.example.org
                Subject: Thanks for your message
                Precedence: auto_reply

                Thanks, I will read it soon.
                """;

        assertFinding(only(byHeader), Kind.AUTO_REPLY, "reader@example.com", null);
        assertThat(only(byHeader).messageId()).isEqualTo(ORIGINAL_ID);
        assertThat(only(bySubject).kind()).isEqualTo(Kind.AUTO_REPLY);
        assertThat(only(bySubject).messageId()).isEqualTo(ORIGINAL_ID);
        assertThat(only(byPrecedence).kind()).isEqualTo(Kind.AUTO_REPLY);
    }

    @Test
    void aPersonsMailIsOther() {
        Finding finding = only("""
                From: Reader <reader@example.com>
                To: editor@pdl.example.org
                Subject: Loved the fall issue

                Especially the piece on storage.
                """);

        assertFinding(finding, Kind.OTHER, null, null);
    }

    @Test
    void aPersonsReplyWithABounceLikeSubjectIsOther() {
        Finding finding = only("""
                From: Reader <reader@example.com>
                To: editor@pdl.example.org
                Subject: Re: why my proposal was rejected

                Write to my colleague colleague@example.org about it.
                """);

        assertFinding(finding, Kind.OTHER, null, null);
    }

    @Test
    void deliveryAndReadReceiptsAreOther() {
        String relayed = """
                From: Mail Delivery Subsystem <mailer-daemon@example.com>
                To: bounces@pdl.example.org
                Subject: Delivery Status Notification (Relay)

                Your message was relayed to reader@example.com.
                """;
        String read = """
                From: reader@example.com
                To: packet@pdl.example.org
                Subject: Read: The PDL Packet, fall 2024
                Content-Type: multipart/report; report-type=disposition-notification; boundary=R

                --R
                Content-Type: text/plain

                Your message was read.
                --R--
                """;

        assertThat(only(relayed).kind()).isEqualTo(Kind.OTHER);
        assertThat(only(read).kind()).isEqualTo(Kind.OTHER);
    }
}
