package dev.newsletter.unsubscribe;

import dev.newsletter.address.EmailAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The per-recipient unsubscribe links: the one-click https URL ({@code <baseUrl>/unsubscribe?t=TOKEN},
 * RFC 8058) and, when configured, {@code mailto:<address>?subject=unsubscribe-TOKEN}.
 */
public final class UnsubscribeLinks {
    private final String baseUrl;
    private final String list;
    private final UnsubscribeTokens tokens;
    private final Optional<EmailAddress> mailto;

    public UnsubscribeLinks(String baseUrl, String list, UnsubscribeTokens tokens, Optional<EmailAddress> mailto) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.list = list;
        this.tokens = tokens;
        this.mailto = mailto;
    }

    public URI https(EmailAddress subscriber) {
        return URI.create(baseUrl + "/unsubscribe?t=" + tokens.token(list, subscriber));
    }

    public Optional<URI> mailto(EmailAddress subscriber) {
        return mailto.map(
                address -> URI.create("mailto:" + address + "?subject=unsubscribe-" + tokens.token(list, subscriber)));
    }
}
