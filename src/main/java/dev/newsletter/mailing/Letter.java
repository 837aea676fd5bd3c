package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Everything one message needs, free of any mail library: who, what, and the list headers. The
 * delivery package builds it into an {@link OutgoingMessage}.
 *
 * @param content the subject and the two bodies as rendered
 * @param listId the List-Id value, e.g. {@code The PDL Packet <packet.pdl.example.org>}
 * @param unsubscribeUrl the one-click (RFC 8058) unsubscribe URL for this recipient
 * @param unsubscribeMailto optional {@code mailto:} unsubscribe address for this recipient
 */
public record Letter(
        Mailbox from,
        Optional<EmailAddress> replyTo,
        Mailbox to,
        Content content,
        String messageId,
        ZonedDateTime date,
        String listId,
        URI unsubscribeUrl,
        Optional<URI> unsubscribeMailto) {

    /** What the reader sees: the subject, the HTML and its plain-text twin. */
    public record Content(String subject, String html, String text) {}

    public EmailAddress recipient() {
        return to.address();
    }
}
