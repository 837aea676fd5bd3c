package dev.newsletter.unsubscribe;

import dev.newsletter.address.EmailAddress;
import java.net.URI;
import java.util.Optional;

/**
 * The per-recipient unsubscribe links: the one-click https URL ({@code <baseUrl>/unsubscribe?t=TOKEN},
 * RFC 8058) and, when configured, {@code mailto:<address>?subject=unsubscribe-TOKEN}. Tokens use only
 * the base64url alphabet and a dot, so they need no escaping in either URI.
 */
public final class UnsubscribeLinks {
    private final String baseUrl;
    private final String list;
    private final UnsubscribeTokens tokens;
    private final Optional<EmailAddress> mailto;

    /**
     * @param baseUrl absolute http(s) URL without query or fragment; the path {@code /unsubscribe} is
     *     appended to it
     * @throws IllegalArgumentException if {@code baseUrl} is not such a URL
     */
    public UnsubscribeLinks(String baseUrl, String list, UnsubscribeTokens tokens, Optional<EmailAddress> mailto) {
        this.baseUrl = checkedBase(baseUrl);
        this.list = list;
        this.tokens = tokens;
        this.mailto = mailto;
    }

    private static String checkedBase(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("newsletter.baseUrl is not a valid URL: " + baseUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("newsletter.baseUrl must be an absolute http(s) URL: " + baseUrl);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "newsletter.baseUrl must not have a query or fragment (the unsubscribe path is appended): "
                            + baseUrl);
        }
        return baseUrl.replaceAll("/+$", "");
    }

    public URI https(EmailAddress subscriber) {
        return URI.create(baseUrl + "/unsubscribe?t=" + tokens.token(list, subscriber));
    }

    public Optional<URI> mailto(EmailAddress subscriber) {
        return mailto.map(
                address -> URI.create("mailto:" + address + "?subject=unsubscribe-" + tokens.token(list, subscriber)));
    }
}
