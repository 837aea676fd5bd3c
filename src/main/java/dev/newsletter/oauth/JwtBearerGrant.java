package dev.newsletter.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service account acting as a mailbox (Google Workspace domain-wide delegation): a JWT signed with
 * the account's key is the grant (RFC 7523 §2.1, RS256 per RFC 7518 §3.3). Claims: {@code iss} the
 * service account, {@code sub} the mailbox, {@code scope}, {@code aud} the token endpoint, {@code
 * iat} now and {@code exp} an hour later (Google's maximum).
 */
final class JwtBearerGrant implements TokenRequest {
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ServiceAccountKey key;
    private final String subject;
    private final String scope;
    private final String audience;

    JwtBearerGrant(ServiceAccountKey key, String subject, String scope, String audience) {
        this.key = key;
        this.subject = subject;
        this.scope = scope;
        this.audience = audience;
    }

    @Override
    public Map<String, String> form(Instant now) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        form.put("assertion", assertion(now));
        return form;
    }

    String assertion(Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (!key.keyId().isEmpty()) {
            header.put("kid", key.keyId());
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", key.clientEmail());
        claims.put("sub", subject);
        claims.put("scope", scope);
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = part(header) + "." + part(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key.privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw TokenException.refused("cannot sign the JWT with the key of " + key + ": " + e.getMessage());
        }
    }

    private static String part(Map<String, Object> json) {
        return B64.encodeToString(JSON.writeValueAsBytes(json));
    }

    @Override
    public List<String> secrets() {
        return List.of();
    }

    @Override
    public String grant() {
        return "jwt-bearer";
    }

    @Override
    public String hint(String error) {
        return switch (error) {
            case "unauthorized_client" ->
                "domain-wide delegation is not set up for " + key.clientEmail()
                        + " with scope " + scope
                        + ": in the Google Admin console add its client id under Security > API controls >"
                        + " Domain-wide delegation with exactly this scope";
            case "invalid_grant" ->
                "check that " + subject + " is a mailbox of the Workspace domain, that the"
                        + " key is not deleted, and that this machine's clock is right";
            case "invalid_scope" -> "check oauth.scope (Google: https://mail.google.com/)";
            default -> "";
        };
    }
}
