package dev.newsletter.oauth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's delegated consent kept as a refresh token (RFC 6749 §6). When the endpoint rotates it
 * (Microsoft does), the new one is used for the rest of the run; it is never written anywhere, so the
 * environment's token must stay valid (Microsoft: 90 days of inactivity; Google: until revoked).
 */
final class RefreshTokenGrant implements TokenRequest {
    private final String clientId;
    private final String secret;
    private final String refreshTokenEnv;
    private final String secretEnv;
    private final String scope;
    private final String original;
    private volatile String refreshToken;

    RefreshTokenGrant(
            String clientId,
            String secret,
            String secretEnv,
            String refreshToken,
            String refreshTokenEnv,
            String scope) {
        this.clientId = clientId;
        this.secret = secret;
        this.secretEnv = secretEnv;
        this.original = refreshToken;
        this.refreshToken = refreshToken;
        this.refreshTokenEnv = refreshTokenEnv;
        this.scope = scope;
    }

    @Override
    public Map<String, String> form(Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", clientId);
        if (!secret.isEmpty()) {
            form.put("client_secret", secret);
        }
        form.put("refresh_token", refreshToken);
        form.put("scope", scope);
        return form;
    }

    @Override
    public void rotated(String newRefreshToken) {
        refreshToken = newRefreshToken;
    }

    @Override
    public List<String> secrets() {
        return List.of(secret, original, refreshToken);
    }

    @Override
    public String grant() {
        return "refresh-token";
    }

    @Override
    public String hint(String error) {
        return switch (error) {
            case "invalid_grant" ->
                "the refresh token in " + refreshTokenEnv
                        + " is expired or revoked (or was issued to another client id): sign in again and put the new one there";
            case "invalid_client", "unauthorized_client" ->
                "check oauth.clientId and the client secret in " + secretEnv;
            case "invalid_scope" -> "check oauth.scope: it must be one the user consented to";
            default -> "";
        };
    }
}
