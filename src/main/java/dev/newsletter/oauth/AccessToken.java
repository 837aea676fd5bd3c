package dev.newsletter.oauth;

import java.time.Instant;

/**
 * A bearer token and when it stops working. {@link #toString()} never shows the token.
 *
 * @param value the token itself: only ever written into the login command
 * @param expiresAt when the issuer says it expires
 * @param serial which fetch of this run it came from (1, 2, …), to tell tokens apart in logs
 */
public record AccessToken(String value, Instant expiresAt, int serial) {

    @Override
    public String toString() {
        return "access token #" + serial + " (expires " + expiresAt + ")";
    }
}
