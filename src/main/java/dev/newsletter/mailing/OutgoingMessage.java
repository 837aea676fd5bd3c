package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A message ready to go: its envelope and its final bytes (the header block, DKIM-Signature first
 * when signed, then the body, all with CRLF line ends), built and signed once. Sending moves these
 * bytes as they are; a retry sends the same bytes again, and a dry run, {@code check}, {@code render}
 * and {@code test} see exactly what a send would put on the wire.
 *
 * <p>The stages of a message: {@code render.RenderedEmail} (subject, HTML, text) → {@link Letter}
 * (what, who, list headers) → {@code OutgoingMessage} (envelope + signed bytes).
 *
 * <p>{@code bytes} is not copied: whoever builds an outgoing message hands its array over, and
 * nobody changes it afterwards.
 */
public record OutgoingMessage(Envelope envelope, byte[] bytes) {

    /**
     * What SMTP needs besides the bytes.
     *
     * @param sender the address for {@code MAIL FROM}
     * @param recipient the address for {@code RCPT TO}
     * @param smtputf8 whether the recipient's address needs SMTPUTF8 (RFC 6531): a non-ASCII local part
     * @param messageId the Message-ID the bytes carry, for the journal
     */
    public record Envelope(EmailAddress sender, EmailAddress recipient, boolean smtputf8, String messageId) {

        /** The envelope of a message from {@code sender} to {@code recipient}; SMTPUTF8 as the address needs it. */
        public static Envelope of(EmailAddress sender, EmailAddress recipient, String messageId) {
            boolean utf8 = recipient.localPart().chars().anyMatch(c -> c >= 0x80);
            return new Envelope(sender, recipient, utf8, messageId);
        }
    }

    /**
     * This message with {@code sender} as the envelope sender ({@code MAIL FROM}): a return path
     * (VERP) is not a header, so the bytes, and their DKIM signature, stay as they are.
     */
    public OutgoingMessage withSender(EmailAddress sender) {
        return new OutgoingMessage(
                new Envelope(sender, envelope.recipient(), envelope.smtputf8(), envelope.messageId()), bytes);
    }

    public EmailAddress recipient() {
        return envelope.recipient();
    }

    public String messageId() {
        return envelope.messageId();
    }

    /** The size on the wire before dot-stuffing, in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Writes the bytes, in one write. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutgoingMessage that
                && envelope.equals(that.envelope)
                && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * envelope.hashCode() + java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + envelope + ", " + bytes.length + " bytes]";
    }
}
