package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * {@code smtp.oauth:} — how to get an OAuth 2.0 access token for {@code auth: xoauth2}. Written so
 * that any connection that logs in with XOAUTH2 (the relay now, the bounce mailbox later) reads the
 * same section. Secrets are named here (environment variables, a key file), never stored here.
 *
 * @param provider fills in the well-known {@code tokenUrl} and {@code scope}; optional
 * @param tenant the Microsoft Entra tenant (id or domain) for {@code provider: microsoft365}
 * @param grant how the token is asked for
 * @param tokenUrl the token endpoint (https; plain http only to a loopback address)
 * @param clientId the application (client) id; not used by {@code jwt-bearer}
 * @param clientSecretEnv the environment variable holding the client secret
 * @param refreshTokenEnv the environment variable holding the refresh token ({@code refresh-token})
 * @param scope the scope asked for; the provider's when absent
 * @param serviceAccountKey the service account's JSON key file ({@code jwt-bearer}), relative to the project
 */
public record OAuthSettings(
        Provider provider,
        String tenant,
        Grant grant,
        String tokenUrl,
        String clientId,
        String clientSecretEnv,
        String refreshTokenEnv,
        String scope,
        String serviceAccountKey) {

    public static final String DEFAULT_SECRET_ENV = "NEWSLETTER_OAUTH_CLIENT_SECRET";
    public static final String DEFAULT_REFRESH_TOKEN_ENV = "NEWSLETTER_OAUTH_REFRESH_TOKEN";

    public OAuthSettings {
        tenant = tenant == null ? "" : tenant.strip();
        tokenUrl = tokenUrl == null ? "" : tokenUrl.strip();
        clientId = clientId == null ? "" : clientId.strip();
        clientSecretEnv = clientSecretEnv == null ? DEFAULT_SECRET_ENV : clientSecretEnv;
        refreshTokenEnv = refreshTokenEnv == null ? DEFAULT_REFRESH_TOKEN_ENV : refreshTokenEnv;
        scope = scope == null ? "" : scope.strip();
        serviceAccountKey = serviceAccountKey == null ? "" : serviceAccountKey.strip();
    }

    /** The token endpoint: as written, else the provider's (empty when neither says). */
    public String effectiveTokenUrl() {
        if (!tokenUrl.isEmpty() || provider == null) {
            return tokenUrl;
        }
        return switch (provider) {
            case MICROSOFT365 ->
                tenant.isEmpty() ? "" : "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token";
            case GOOGLE -> "https://oauth2.googleapis.com/token";
        };
    }

    /** The scope: as written, else the provider's for this grant (empty when neither says). */
    public String effectiveScope() {
        if (!scope.isEmpty() || provider == null) {
            return scope;
        }
        return switch (provider) {
            // app-only tokens carry the app's permissions (SMTP.SendAsApp, IMAP.AccessAsApp);
            // delegated ones name the permission and ask for a new refresh token
            case MICROSOFT365 ->
                grant == Grant.REFRESH_TOKEN
                        ? "https://outlook.office365.com/SMTP.Send offline_access"
                        : "https://outlook.office365.com/.default";
            case GOOGLE -> "https://mail.google.com/";
        };
    }

    /**
     * Whether a token endpoint may be asked at {@code url}: https anywhere; plain http only to this
     * machine written as an address or {@code localhost} ({@link SmtpSettings#isLoopback}, no DNS),
     * for tests. Never with credentials in the URL.
     */
    public static boolean safeTokenUrl(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            if (!uri.isAbsolute() || host == null || uri.getRawUserInfo() != null) {
                return false;
            }
            return "https".equalsIgnoreCase(uri.getScheme())
                    || ("http".equalsIgnoreCase(uri.getScheme()) && SmtpSettings.isLoopback(host));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public Optional<Provider> providerIfAny() {
        return Optional.ofNullable(provider);
    }

    public enum Provider {
        @JsonProperty("microsoft365")
        MICROSOFT365,
        @JsonProperty("google")
        GOOGLE
    }

    public enum Grant {
        /** An application's own token (Microsoft 365 app-only access). */
        @JsonProperty("client-credentials")
        CLIENT_CREDENTIALS,
        /** A user's delegated consent, kept as a refresh token. */
        @JsonProperty("refresh-token")
        REFRESH_TOKEN,
        /** A Google service account with domain-wide delegation, acting as the mailbox. */
        @JsonProperty("jwt-bearer")
        JWT_BEARER
    }
}
