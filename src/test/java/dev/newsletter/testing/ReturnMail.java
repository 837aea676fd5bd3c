package dev.newsletter.testing;

import com.icegreen.greenmail.user.GreenMailUser;
import dev.newsletter.address.EmailAddress;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.MessageIds;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Return mail for the sample project: the journal of a relay send of the fall issue to three readers
 * (so bounces can be attributed), the {@code inbox:} section for a GreenMail IMAP server, and bounce
 * messages to put into its mailbox.
 */
public final class ReturnMail {
    public static final String PASSWORD = "s3cret-inbox-pass";

    private ReturnMail() {}

    /** {@link SampleProject#ENV} with the inbox password in {@code NEWSLETTER_INBOX_PASSWORD}. */
    public static Map<String, String> env() {
        Map<String, String> env = new HashMap<>(SampleProject.ENV);
        env.put("NEWSLETTER_INBOX_PASSWORD", PASSWORD);
        return Map.copyOf(env);
    }

    /** The Message-IDs a send of {@code issue} to {@code list} of the sample project makes with {@link #env()}'s secret. */
    public static MessageIds messageIds(String issue, String list) {
        return MessageIds.forList(
                issue,
                list,
                "pdl.example.org",
                SampleProject.ENV.get("NEWSLETTER_UNSUBSCRIBE_SECRET").getBytes(StandardCharsets.UTF_8));
    }

    /** Journals a relay send of the fall issue; returns each reader's Message-ID. */
    public static Map<String, String> journalTheFallIssue(SampleProject project) {
        Map<String, String> ids = new HashMap<>();
        try (DeliveryJournal journal =
                DeliveryJournal.open(project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            for (String reader : List.of("ana.lima@example.org", "zoe.mueller@example.org", "ops-team@example.org")) {
                String id = messageIds("2024-fall", "pdl-packet").of(EmailAddress.parse(reader));
                ids.put(reader, id);
                journal.attempt(reader, id, 1);
            }
        }
        return ids;
    }

    /** The {@code inbox:} section for an IMAP server on this machine, user {@code bounces}, done folder {@code Done}. */
    public static String inboxSection(int port, String tls, String extra) {
        return "inbox:\n  host: 127.0.0.1\n  port: " + port + "\n  tls: " + tls + "\n  username: bounces\n"
                + "  doneFolder: Done\n" + extra;
    }

    /** An RFC 3464 hard bounce (5.1.1) for {@code recipient}, quoting the original's Message-ID {@code id}. */
    public static String hardBounce(String id, String recipient) {
        return """
                From: MAILER-DAEMON@mx.example.org
                To: bounces@pdl.example.org
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%s@mx.example.org>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.org

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 <%s>... User Unknown
                --B
                Content-Type: text/rfc822-headers

                From: The PDL Packet <packet@pdl.example.org>
                To: %s
                Message-ID: %s
                --B--
                """.formatted(Integer.toHexString(recipient.hashCode()), recipient, recipient, recipient, id)
                .replace("\n", "\r\n");
    }

    /** Puts a raw message into {@code user}'s INBOX. */
    public static void deliver(GreenMailUser user, byte[] raw) {
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deliver(GreenMailUser user, String raw) {
        deliver(user, raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Message-ID of {@code recipient}'s message as anyone could compute it before ids were keyed:
     * the first 8 bytes of an unkeyed SHA-256 of {@code list LF recipient}.
     */
    public static String unkeyedMessageId(String issue, String list, String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((list + "\n" + recipient).getBytes(StandardCharsets.UTF_8));
            return "<" + issue + "." + HexFormat.of().formatHex(digest, 0, 8) + "@pdl.example.org>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
