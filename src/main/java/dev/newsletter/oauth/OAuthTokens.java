package dev.newsletter.oauth;

import dev.newsletter.config.OAuthSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Builds the {@link TokenSource} an {@code oauth:} section describes, for one login. */
public final class OAuthTokens {
    private OAuthTokens() {}

    /**
     * The tokens for logging in as {@code username}; nothing is fetched yet.
     *
     * @param key where {@code oauth} was found, e.g. {@code smtp.oauth}, for messages
     * @param projectDir what a relative {@code serviceAccountKey} is relative to
     * @throws TokenException (refused) when a secret is missing from the environment or the key file is unusable
     */
    public static TokenSource forLogin(
            String key,
            OAuthSettings oauth,
            String username,
            Map<String, String> env,
            Path projectDir,
            Clock clock,
            Duration timeout) {
        String scope = oauth.effectiveScope();
        TokenRequest request;
        String tokenUrl = oauth.effectiveTokenUrl();
        switch (oauth.grant()) {
            case CLIENT_CREDENTIALS ->
                request = new ClientCredentialsGrant(
                        oauth.clientId(), required(env, oauth.clientSecretEnv(), key), oauth.clientSecretEnv(), scope);
            case REFRESH_TOKEN ->
                request = new RefreshTokenGrant(
                        oauth.clientId(),
                        env.getOrDefault(oauth.clientSecretEnv(), ""),
                        oauth.clientSecretEnv(),
                        required(env, oauth.refreshTokenEnv(), key),
                        oauth.refreshTokenEnv(),
                        scope);
            case JWT_BEARER -> {
                Path file = projectDir.resolve(oauth.serviceAccountKey());
                ServiceAccountKey account;
                try {
                    account = ServiceAccountKey.read(file);
                } catch (IllegalArgumentException e) {
                    throw TokenException.refused(key + ".serviceAccountKey: " + e.getMessage());
                }
                // the key names its own token endpoint; an explicit tokenUrl wins, Google's is the fallback
                if (!oauth.tokenUrl().isEmpty()) {
                    tokenUrl = oauth.tokenUrl();
                } else if (!account.tokenUri().isEmpty()) {
                    tokenUrl = account.tokenUri();
                } else {
                    tokenUrl = "https://oauth2.googleapis.com/token";
                }
                request = new JwtBearerGrant(account, username, scope, tokenUrl);
            }
            default -> throw new IllegalStateException("unknown grant " + oauth.grant());
        }
        return new CachedTokens(new TokenEndpoint(uri(key, tokenUrl), timeout), request, clock);
    }

    private static URI uri(String key, String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                // from the config or a key file's token_uri: the credentials are not repeated here
                throw TokenException.refused(key + ".tokenUrl must not carry a user name or password: "
                        + new URI(uri.getScheme(), uri.getHost(), uri.getPath(), null));
            }
            if (!TokenEndpoint.safe(uri)) {
                throw TokenException.refused(
                        key + ".tokenUrl must be an https URL (plain http only to this machine): " + url);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw TokenException.refused(key + ".tokenUrl is not a URL: " + url);
        }
    }

    private static String required(Map<String, String> env, String name, String key) {
        String value = env.getOrDefault(name, "");
        if (value.isEmpty()) {
            throw TokenException.refused(
                    key + " needs a secret in the environment variable " + name + ", which is not set");
        }
        return value;
    }
}
