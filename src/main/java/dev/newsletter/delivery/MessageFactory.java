package dev.newsletter.delivery;

import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;

/**
 * Builds the MIME message for a {@link Letter}. A pure function of its input. The tree:
 *
 * <pre>
 * multipart/alternative
 * ├── text/plain; charset=UTF-8   (first: the fallback)
 * └── text/html;  charset=UTF-8   (last: preferred by clients that can show it)
 * </pre>
 *
 * Each body is encoded once, here ({@code 7bit} when it can be, else quoted-printable), and carried
 * as bytes: sending copies them as they are. Rendered HTML is ASCII (non-ASCII characters are
 * written as character references when rendering), so it usually goes out as {@code 7bit}.
 *
 * Headers: From, Reply-To (optional), To, Subject (RFC 2047 when not ASCII), Date, Message-ID (ours,
 * deterministic), MIME-Version, List-Id, List-Unsubscribe (https, and mailto when configured) and
 * List-Unsubscribe-Post (RFC 8058). No header value may carry CR or LF from data: such a value is
 * refused, never folded into a second header. Bodies get CRLF line ends (no bare LF); Jakarta Mail
 * quoted-printable-encodes a part with a line over 998 characters.
 *
 * <p>With a {@link DkimSigner} the built message is signed last, and what is returned is the signed
 * message (see {@link DkimSigner#sign(Session, MimeMessage)}).
 */
public final class MessageFactory {
    private final Optional<DkimSigner> signer;

    /** A factory that does not sign. */
    public MessageFactory() {
        this(Optional.empty());
    }

    public MessageFactory(Optional<DkimSigner> signer) {
        this.signer = signer;
    }

    public MimeMessage create(Session session, Letter letter) {
        try {
            MimeMessage message = new FixedIdMessage(session, letter.messageId());
            message.setFrom(internetAddress(letter.from()));
            if (letter.replyTo().isPresent()) {
                message.setReplyTo(new InternetAddress[] {
                    new InternetAddress(letter.replyTo().get().toString())
                });
            }
            message.setRecipient(MimeMessage.RecipientType.TO, internetAddress(letter.to()));
            message.setSubject(
                    HeaderValues.singleLine("Subject", letter.content().subject()), "UTF-8");
            message.setSentDate(Date.from(letter.date().toInstant()));
            message.setHeader("List-Id", fold("List-Id", HeaderValues.singleLine("List-Id", letter.listId())));
            message.setHeader("List-Unsubscribe", fold("List-Unsubscribe", listUnsubscribe(letter)));
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");

            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(
                    encodedPart("text/plain; charset=UTF-8", letter.content().text()));
            alternative.addBodyPart(
                    encodedPart("text/html; charset=UTF-8", letter.content().html()));
            message.setContent(alternative);
            message.saveChanges();
            return signer.isEmpty() ? message : signer.get().sign(session, message);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot build the message for " + letter.recipient(), e);
        }
    }

    /**
     * A body part whose content is already encoded for the wire ({@link QuotedPrintable}): Jakarta
     * Mail then copies the bytes as they are instead of encoding the body twice per message.
     */
    private static MimeBodyPart encodedPart(String contentType, String body) throws MessagingException {
        WireBytes encoded = QuotedPrintable.encodeWire(body);
        return encoded.bodyPart(partHeaders(contentType, encoded.encoding()));
    }

    /**
     * A body part's two headers. {@code new InternetHeaders()} starts with some thirty empty
     * message-header slots that every later lookup walks through; a part needs none of them.
     */
    private static InternetHeaders partHeaders(String contentType, String encoding) {
        return new PartHeaders(contentType, encoding);
    }

    private static final class PartHeaders extends InternetHeaders {
        PartHeaders(String contentType, String encoding) {
            headers = new java.util.ArrayList<>(4);
            addHeader("Content-Type", contentType);
            addHeader("Content-Transfer-Encoding", encoding);
        }
    }

    private static String listUnsubscribe(Letter letter) {
        StringBuilder value = new StringBuilder("<")
                .append(checkedUri(letter.unsubscribeUrl()))
                .append('>');
        letter.unsubscribeMailto()
                .ifPresent(
                        mailto -> value.append(", <").append(checkedUri(mailto)).append('>'));
        return value.toString();
    }

    private static String checkedUri(URI uri) {
        String text = uri.toASCIIString();
        return HeaderValues.singleLine("List-Unsubscribe", text);
    }

    private static InternetAddress internetAddress(Mailbox mailbox) throws UnsupportedEncodingException {
        String name = HeaderValues.singleLine("display name", mailbox.displayName());
        return new InternetAddress(
                mailbox.address().toString(), name.isEmpty() ? null : name, StandardCharsets.UTF_8.name());
    }

    private static String fold(String header, String value) {
        return MimeUtility.fold(header.length() + 2, value);
    }

    /** Keeps our deterministic Message-ID: {@code saveChanges()} would otherwise generate a new one. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = HeaderValues.singleLine("Message-ID", messageId);
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
