package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.render.RenderedEmail;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Everything one message needs, free of any mail library: who, what, and the list headers. The
 * delivery package turns it into MIME.
 *
 * @param listId the List-Id value, e.g. {@code The PDL Packet <packet.pdl.example.org>}
 * @param unsubscribeUrl the one-click (RFC 8058) unsubscribe URL for this recipient
 * @param unsubscribeMailto optional {@code mailto:} unsubscribe address for this recipient
 */
public record Letter(
        Mailbox from,
        Optional<EmailAddress> replyTo,
        Mailbox to,
        RenderedEmail content,
        String messageId,
        ZonedDateTime date,
        String listId,
        URI unsubscribeUrl,
        Optional<URI> unsubscribeMailto) {

    public EmailAddress recipient() {
        return to.address();
    }
}
