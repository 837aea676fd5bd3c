package dev.newsletter.bounce;

import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our own {@code mailto:} unsubscribes: the List-Unsubscribe header offers
 * {@code mailto:ADDRESS?subject=unsubscribe-TOKEN}, so a mail client sends exactly that subject
 * (some add {@code Re:} or spaces). The token is checked with the unsubscribe HMAC secret; the
 * address and list it names are the ones unsubscribed, whoever sent the mail. A bad token is
 * {@code other}.
 */
final class MailedUnsubscribe {
    private static final Pattern SUBJECT =
            Pattern.compile("(?i)^\\s*(?:(?:re|fwd?|aw|sv|tr)\\s*:\\s*)*unsubscribe-([A-Za-z0-9_.-]{1,1024})\\s*$");

    private MailedUnsubscribe() {}

    static boolean applies(MailParts parts) {
        return SUBJECT.matcher(parts.headers.first("subject")).matches();
    }

    static Finding finding(MailParts parts, Optional<UnsubscribeTokens> tokens, String messageId) {
        Matcher matcher = SUBJECT.matcher(parts.headers.first("subject"));
        if (!matcher.matches()) {
            return Finding.other(null, messageId);
        }
        if (tokens.isEmpty()) {
            return Finding.other("an unsubscribe subject, not checked: no unsubscribe secret is set", messageId);
        }
        Optional<UnsubscribeTokens.Subject> subject = tokens.get().verify(matcher.group(1));
        if (subject.isEmpty()) {
            return Finding.other("an unsubscribe subject with a token that does not verify", messageId);
        }
        String address = Addresses.lower(subject.get().address().toString());
        return new Finding(
                Kind.UNSUBSCRIBE,
                address,
                null,
                "mailed unsubscribe",
                messageId,
                subject.get().list());
    }
}
