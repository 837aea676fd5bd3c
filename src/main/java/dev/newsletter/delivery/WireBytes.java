package dev.newsletter.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.SharedByteArrayInputStream;

/**
 * A body already encoded for the wire: the first {@code length} bytes of {@code buffer}, and its
 * {@code Content-Transfer-Encoding}. Carried into the message without copying it again.
 */
record WireBytes(byte[] buffer, int length, String encoding) {

    /** A body part whose content is these bytes as they are (Jakarta Mail copies them out unchanged). */
    MimeBodyPart bodyPart(InternetHeaders headers) throws MessagingException {
        return new EncodedBodyPart(headers, this);
    }

    private static final class EncodedBodyPart extends MimeBodyPart {
        EncodedBodyPart(InternetHeaders headers, WireBytes body) throws MessagingException {
            super(headers, new byte[0]);
            content = null;
            contentStream = new SharedByteArrayInputStream(body.buffer(), 0, body.length());
        }
    }
}
