package dev.newsletter.oauth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The application's own token (RFC 6749 §4.4): Microsoft 365 app-only access ({@code SMTP.SendAsApp}). */
final class ClientCredentialsGrant implements TokenRequest {
    private final String clientId;
    private final String secret;
    private final String secretEnv;
    private final String scope;

    ClientCredentialsGrant(String clientId, String secret, String secretEnv, String scope) {
        this.clientId = clientId;
        this.secret = secret;
        this.secretEnv = secretEnv;
        this.scope = scope;
    }

    @Override
    public Map<String, String> form(Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        form.put("scope", scope);
        return form;
    }

    @Override
    public List<String> secrets() {
        return List.of(secret);
    }

    @Override
    public String grant() {
        return "client-credentials";
    }

    @Override
    public String hint(String error) {
        return switch (error) {
            case "invalid_client" ->
                "check oauth.clientId and the client secret in " + secretEnv
                        + " (an expired secret gives this too: make a new one in the app registration)";
            case "unauthorized_client" ->
                "the app may not use the client-credentials grant; check the app registration";
            case "invalid_scope" -> "check oauth.scope (Microsoft 365: https://outlook.office365.com/.default)";
            case "invalid_request", "invalid_grant" -> "check oauth.tenant/tokenUrl and oauth.clientId";
            default -> "";
        };
    }
}
