package dev.newsletter.oauth;

/**
 * No access token: the endpoint refused the request ({@link #refused()}: wrong secret, no consent,
 * revoked grant — asking again will not help) or could not be reached (network, 5xx: try later). The
 * message names the endpoint, the OAuth error and what to change; it never carries a secret.
 */
public final class TokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean refused;

    TokenException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    static TokenException refused(String message) {
        return new TokenException(message, true, null);
    }

    static TokenException unavailable(String message, Throwable cause) {
        return new TokenException(message, false, cause);
    }

    /** The endpoint answered no: stop, asking again will not help. */
    public boolean refused() {
        return refused;
    }
}
