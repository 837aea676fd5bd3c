package dev.newsletter.bounce;

import static dev.newsletter.bounce.Bounces.ORIGINAL_ID;
import static dev.newsletter.bounce.Bounces.assertFinding;
import static dev.newsletter.bounce.Bounces.classify;
import static dev.newsletter.bounce.Bounces.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounces that are not RFC 3464 reports: texts written for people by each kind of mail server. */
class TextBouncesTest {

    @Test
    void postfix() {
        Finding finding = only(Bounces.withAttachedOriginal(
                "MAILER-DAEMON@mail.example.com (Mail Delivery System)",
                "Undelivered Mail Returned to Sender",
                """
                This is the mail system at host mail.example.com.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                For further assistance, please send mail to postmaster.

                                   The mail system

                <kijitora@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1
                    <kijitora@example.com>: Recipient address rejected: User unknown in
                    local recipient table (in reply to RCPT TO command)
                """,
                "message/rfc822",
                "kijitora@example.com"));

        assertFinding(finding, Kind.HARD_BOUNCE, "kijitora@example.com", "5.1.1");
        assertThat(finding.diagnostic()).startsWith("550 5.1.1 <kijitora@example.com>: Recipient address rejected");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void sendmailWithTheOriginalsHeadersAttached() {
        Finding finding = only(Bounces.withAttachedOriginal(
                "Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>",
                "Returned mail: see transcript for details",
                """
                The original message was received at Mon, 4 Nov 2024 09:00:01 GMT
                from mail.pdl.example.org [198.51.100.7]

                   ----- The following addresses had permanent fatal errors -----
                <nobody@example.org>
                    (reason: 550 5.1.1 <nobody@example.org>... User unknown)

                   ----- Transcript of session follows -----
                ... while talking to mx.example.org.:
                >>> RCPT To:<nobody@example.org>
                <<< 550 5.1.1 <nobody@example.org>... User unknown
                550 5.1.1 <nobody@example.org>... User unknown
                """,
                "text/rfc822-headers",
                "nobody@example.org"));

        assertFinding(finding, Kind.HARD_BOUNCE, "nobody@example.org", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void eximWithTheOriginalQuotedInline() {
        Finding finding = only("""
                From: Mail Delivery System <Mailer-Daemon@mx.example.net>
                To: bounces@pdl.example.org
                Subject: Mail delivery failed: returning message to sender
                X-Failed-Recipients: reader@example.net
                Auto-Submitted: auto-replied

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  reader@example.net
                    host mx.example.net [192.0.2.9]
                    SMTP error from remote mail server after RCPT TO:<reader@example.net>:
                    550 5.2.2 The email account that you tried to reach is over quota

                ------ This is a copy of the message, including all the headers. ------

                %s
                Hello, readers.
                """.formatted(Bounces.originalHeaders("reader@example.net")));

        assertFinding(finding, Kind.SOFT_BOUNCE, "reader@example.net", "5.2.2");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void eximUnrouteableAddressWithoutACode() {
        Finding finding = only(Bounces.text(
                "Mail Delivery System <Mailer-Daemon@mx.example.net>",
                "Mail delivery failed: returning message to sender",
                """
                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  someone@nonexistent.example.net
                    Unrouteable address
                """));

        assertFinding(finding, Kind.HARD_BOUNCE, "someone@nonexistent.example.net", "5.1.1");
    }

    @Test
    void qmail() {
        Finding finding = only(Bounces.text(
                "MAILER-DAEMON@qmail.example.com", "failure notice", """
                Hi. This is the qmail-send program at qmail.example.com.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <ghost@example.com>:
                192.0.2.3 does not like recipient.
                Remote host said: 550 sorry, no mailbox here by that name. (#5.1.1)
                Giving up on 192.0.2.3.

                --- Below this line is a copy of the message.

                """ + Bounces.original("ghost@example.com")));

        assertFinding(finding, Kind.HARD_BOUNCE, "ghost@example.com", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void courier() {
        Finding finding =
                only(Bounces.text("Courier mail server at mail.example.com <@>", "NOTICE: mail delivery status.", """
                This is a delivery status notification from mail.example.com,
                running the Courier mail server.

                The original message was received on Mon, 04 Nov 2024 09:00:01 +0000
                from mail.pdl.example.org [198.51.100.7]

                ---------------------------------------------------------------------------

                                       UNDELIVERABLE MAIL

                Your message to the following recipients cannot be delivered:

                <full@example.com>:
                    mx.example.com [192.0.2.4]:
                >>> RCPT TO:<full@example.com>
                <<< 552 5.2.2 Mailbox full
                """));

        assertFinding(finding, Kind.SOFT_BOUNCE, "full@example.com", "5.2.2");
    }

    @Test
    void openSmtpd() {
        Finding finding = only(Bounces.text(
                "Mailer Daemon <MAILER-DAEMON@smtpd.example.org>",
                "Delivery status notification: error",
                """
                Hi!

                This is the MAILER-DAEMON, please DO NOT REPLY to this email.

                An error has occurred while attempting to deliver a message for
                the following list of recipients:

                missing@example.org: 550 5.1.1 <missing@example.org>: Recipient address rejected: User unknown

                Below is a copy of the original message:

                """ + Bounces.original("missing@example.org")));

        assertFinding(finding, Kind.HARD_BOUNCE, "missing@example.org", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void exchangeAndOffice365() {
        Finding finding = only(Bounces.withAttachedOriginal(
                "Microsoft Outlook <postmaster@example.onmicrosoft.com>",
                "Undeliverable: The PDL Packet, fall 2024",
                """
                Delivery has failed to these recipients or groups:

                left.company@example.com
                The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

                Diagnostic information for administrators:

                Generating server: EX1.example.com

                left.company@example.com
                Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

                Original message headers:

                Received: from mail.pdl.example.org (198.51.100.7) by EX1.example.com
                """,
                "message/rfc822",
                "left.company@example.com"));

        assertFinding(finding, Kind.HARD_BOUNCE, "left.company@example.com", "5.1.10");
    }

    @Test
    void gmailsOldTextFormat() {
        Finding finding = only(Bounces.text(
                "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
                "Delivery Status Notification (Failure)",
                """
                Delivery to the following recipient failed permanently:

                     nosuchreader@example.com

                Technical details of permanent failure:
                Google tried to deliver your message, but it was rejected by the server for the recipient domain example.com by mx.example.com. [192.0.2.5].

                The error that the other server returned was:
                550-5.1.1 The email account that you tried to reach does not exist.

                ----- Original message -----

                """ + Bounces.originalHeaders("nosuchreader@example.com")));

        assertFinding(finding, Kind.HARD_BOUNCE, "nosuchreader@example.com", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void yahoo() {
        Finding finding = only(Bounces.text("MAILER-DAEMON@yahoo.example.com", "Failure Notice", """
                Sorry, we were unable to deliver your message to the following address.

                <olduser@example.com>:
                554: delivery error: dd This user doesn't have a example.com account (olduser@example.com) [0] - mta1.example.com

                --- Below this line is a copy of the message.
                """));

        assertFinding(finding, Kind.HARD_BOUNCE, "olduser@example.com", "5.1.1");
    }

    @Test
    void amazonSes() {
        Finding finding =
                only(Bounces.text("MAILER-DAEMON@amazonses.com", "Delivery Status Notification (Failure)", """
                An error occurred while trying to deliver the mail to the following recipients:
                bounce@example.org
                """));

        assertFinding(finding, Kind.SOFT_BOUNCE, "bounce@example.org", null);
    }

    @Test
    void aDelayWarningIsSoftEvenWhenItsTextSoundsFinal() {
        Finding finding = only(Bounces.text(
                "MAILER-DAEMON@mx.example.com (Mail Delivery System)", "Delayed Mail (still being retried)", """
                This is the mail system at host mx.example.com.

                ####################################################################
                # THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
                ####################################################################

                Your message could not be delivered for more than 4 hour(s).
                It will be retried until it is 5 day(s) old.

                <slow@example.com>: host mx.example.com[192.0.2.25] said: 450 4.1.1 <slow@example.com>:
                    Recipient address rejected: User unknown (in reply to RCPT TO command)
                """));

        assertFinding(finding, Kind.SOFT_BOUNCE, "slow@example.com", "4.1.1");
    }

    @Test
    void severalRecipientsInOneTextBounceEachGetTheirOwnReason() {
        List<Finding> findings =
                classify(Bounces.text("MAILER-DAEMON@mail.example.com", "Undelivered Mail Returned to Sender", """
                The mail system

                <gone@example.com>: host mx.example.com[192.0.2.25] said: 550 5.1.1 User unknown (in reply
                    to RCPT TO command)

                <stuffed@example.org>: host mx.example.org[192.0.2.26] said: 552 5.2.2 Mailbox full (in
                    reply to RCPT TO command)
                """));

        assertThat(findings).extracting(Finding::recipient).containsExactly("gone@example.com", "stuffed@example.org");
        assertThat(findings).extracting(Finding::kind).containsExactly(Kind.HARD_BOUNCE, Kind.SOFT_BOUNCE);
        assertThat(findings).extracting(Finding::status).containsExactly("5.1.1", "5.2.2");
    }

    @Test
    void aBounceInGermanWithoutAnyCode() {
        Finding finding = only(Bounces.text("MAILER-DAEMON@mx.example.de", "Unzustellbar: The PDL Packet", """
                Ihre Nachricht konnte nicht zugestellt werden.

                leser@example.com
                Der Empfänger ist unbekannt.
                """));

        assertFinding(finding, Kind.HARD_BOUNCE, "leser@example.com", "5.1.1");
    }

    @Test
    void aBounceThatNamesNoAddressUsesTheQuotedOriginalsTo() {
        Finding finding = only(Bounces.text(
                "postmaster@mx.example.com",
                "Mail delivery failed",
                """
                Your message could not be delivered: 550 5.1.1 mailbox not found.

                ----- Original message -----
                """ + Bounces.originalHeaders("the.reader@example.com")));

        assertFinding(finding, Kind.HARD_BOUNCE, "the.reader@example.com", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void aBounceAboutNobodyInParticularGivesOneLineWithoutARecipient() {
        Finding finding = only(
                Bounces.text("MAILER-DAEMON@mx.example.com", "Mail delivery failed", "Something went wrong, sorry.\n"));

        assertFinding(finding, Kind.SOFT_BOUNCE, null, null);
    }

    @Test
    void anHtmlOnlyBounceIsReadAsText() {
        Finding finding = only("""
                From: postmaster@example.com
                To: bounces@pdl.example.org
                Subject: Undeliverable: The PDL Packet
                Content-Type: text/html; charset=utf-8

                <html><body><p>Delivery has failed to these recipients or groups:</p>
                <p><a href="mailto:nope@example.com">nope@example.com</a><br>
                The email address you entered couldn&#39;t be found.</p>
                <p>Remote Server returned &#39;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found&#39;</p></body></html>
                """);

        assertFinding(finding, Kind.HARD_BOUNCE, "nope@example.com", "5.1.1");
    }

    @Test
    void anOriginalQuotedWithAngleBracketsStillGivesItsRecipientAndMessageId() {
        Finding finding = only(Bounces.text(
                "postmaster@mx.example.com",
                "Mail delivery failed",
                "Your message could not be delivered: 550 5.1.1 mailbox not found.\n\n----- Original message -----\n"
                        + Bounces.originalHeaders("quoted.reader@example.com").replaceAll("(?m)^", "> ")));

        assertFinding(finding, Kind.HARD_BOUNCE, "quoted.reader@example.com", "5.1.1");
        assertThat(finding.messageId()).isEqualTo(ORIGINAL_ID);
    }

    @Test
    void aDomainWithANullMxIsHardWithItsOwnCode() {
        Finding finding = only(Bounces.text(
                "MAILER-DAEMON@mx.example.org",
                "Undelivered Mail Returned to Sender",
                "<reader@nullmx.example.com>: Domain nullmx.example.com does not accept mail (nullMX)\n"));

        assertFinding(finding, Kind.HARD_BOUNCE, "reader@nullmx.example.com", "5.1.10");
    }
}
