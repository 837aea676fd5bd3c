package dev.newsletter.delivery;

import dev.newsletter.mailing.OutgoingMessage;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An {@link OutgoingMessage} as Angus' {@code SMTPTransport.sendMessage} takes it: a {@link
 * MimeMessage} whose {@link #writeTo} writes exactly the built bytes, in one write, and whose only
 * other answer is the envelope sender (Angus takes {@code MAIL FROM} from {@link #getFrom()}).
 * Nothing is parsed, re-encoded or regenerated ({@code saveChanges()} changes nothing), so what DKIM
 * signed is what goes out. The bytes never hold a {@code Bcc} or {@code Content-Length} header, so
 * Angus' list of headers to leave out has nothing to leave out.
 */
final class WireMessage extends MimeMessage {
    private final OutgoingMessage message;
    private final Address[] sender;

    WireMessage(Session session, OutgoingMessage message) {
        super(session);
        this.message = message;
        InternetAddress from = new InternetAddress();
        from.setAddress(message.envelope().sender().toString()); // as parsed and checked by EmailAddress
        this.sender = new Address[] {from};
    }

    @Override
    public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
        message.writeTo(os);
    }

    @Override
    public void writeTo(OutputStream os) throws IOException {
        message.writeTo(os);
    }

    /** The envelope sender: Angus sends it as {@code MAIL FROM}. */
    @Override
    public Address[] getFrom() {
        return sender.clone();
    }

    /** Angus asks only to trace the send, which is never on; the bytes are not parsed for it. */
    @Override
    public String getSubject() {
        return "";
    }

    @Override
    public int getSize() {
        return message.size();
    }

    @Override
    protected void updateHeaders() throws MessagingException {
        // built final: the bytes are the message
    }
}
