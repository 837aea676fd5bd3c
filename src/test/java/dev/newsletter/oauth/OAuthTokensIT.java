package dev.newsletter.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.config.OAuthSettings;
import dev.newsletter.config.OAuthSettings.Grant;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from a real (local) token endpoint over HTTP: each grant, caching, renewal, refusals. */
class OAuthTokensIT {
    private static final String SECRET = "s3cr3t-client-value-7Q~xyz";
    private static final String SCOPE = "https://outlook.office365.com/.default";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FakeTokenEndpoint endpoint = FakeTokenEndpoint.start(clock);

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        endpoint.close();
    }

    private OAuthSettings settings(Grant grant, String scope, String key) {
        return new OAuthSettings(null, null, grant, endpoint.url(), "client-1", "SECRET", "REFRESH", scope, key);
    }

    private TokenSource tokens(OAuthSettings settings, Map<String, String> env) {
        return OAuthTokens.forLogin(
                "smtp.oauth", settings, "news@example.org", env, dir, clock, Duration.ofSeconds(10));
    }

    @Test
    void clientCredentialsTokenIsFetchedOnceAndReusedUntilShortlyBeforeItExpires() {
        endpoint.client("client-1", SECRET, SCOPE).expiresIn(3600);
        TokenSource tokens = tokens(settings(Grant.CLIENT_CREDENTIALS, SCOPE, null), Map.of("SECRET", SECRET));

        AccessToken first = tokens.token();
        assertThat(tokens.token()).isSameAs(first);
        clock.advance(Duration.ofMinutes(54)); // 6 minutes left: more than the 5-minute margin
        assertThat(tokens.token()).isSameAs(first);
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: renew now
        AccessToken second = tokens.token();

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(endpoint.valid(second.value())).isTrue();
        assertThat(endpoint.issuedCount()).isEqualTo(2);
        assertThat(endpoint.requests().get(0))
                .containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "client-1")
                .containsEntry("scope", SCOPE);
        assertThat(first.toString()).doesNotContain(first.value());
    }

    @Test
    void aRefusedTokenIsReplacedOnceHoweverManyConnectionsReportIt() {
        endpoint.client("client-1", SECRET, SCOPE);
        TokenSource tokens = tokens(settings(Grant.CLIENT_CREDENTIALS, SCOPE, null), Map.of("SECRET", SECRET));
        AccessToken refused = tokens.token();

        AccessToken a = tokens.renew(refused);
        AccessToken b = tokens.renew(refused);

        assertThat(b).isSameAs(a);
        assertThat(a.value()).isNotEqualTo(refused.value());
        assertThat(endpoint.issuedCount()).isEqualTo(2);
        assertThat(tokens.renew(a).value())
                .as("a refusal of the new token asks again")
                .isNotEqualTo(a.value());
    }

    @Test
    void aWrongClientSecretIsRefusedWithTheOAuthErrorWhatToChangeAndNoSecret() {
        endpoint.client("client-1", SECRET, SCOPE);
        TokenSource tokens =
                tokens(settings(Grant.CLIENT_CREDENTIALS, SCOPE, null), Map.of("SECRET", "wrong-" + SECRET));

        assertThatThrownBy(tokens::token)
                .isInstanceOfSatisfying(
                        TokenException.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("invalid_client")
                .hasMessageContaining("AADSTS7000215: Invalid client secret provided.")
                .hasMessageContaining("SECRET")
                .hasMessageNotContaining("Trace ID")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refreshTokenGrantSendsTheRefreshTokenAndUsesARotatedOneNext() {
        String scope = "https://mail.google.com/";
        endpoint.client("client-1", SECRET, scope).refreshToken("refresh-1", "refresh-2");
        TokenSource tokens =
                tokens(settings(Grant.REFRESH_TOKEN, scope, null), Map.of("SECRET", SECRET, "REFRESH", "refresh-1"));

        AccessToken first = tokens.token();
        AccessToken second = tokens.renew(first);

        assertThat(endpoint.valid(second.value())).isTrue();
        assertThat(endpoint.requests())
                .extracting(r -> r.get("refresh_token"))
                .containsExactly("refresh-1", "refresh-2");
        assertThat(endpoint.refusals()).isEmpty();
    }

    @Test
    void aRevokedRefreshTokenSaysWhereTheNewOneGoes() {
        endpoint.client("client-1", SECRET, "https://mail.google.com/").refreshToken("other", "");
        TokenSource tokens = tokens(
                settings(Grant.REFRESH_TOKEN, "https://mail.google.com/", null),
                Map.of("SECRET", SECRET, "REFRESH", "refresh-revoked"));

        assertThatThrownBy(tokens::token)
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("REFRESH")
                .hasMessageNotContaining("refresh-revoked");
    }

    @Test
    void jwtBearerAssertionIsSignedWithTheServiceAccountKeyAndNamesTheMailbox() {
        KeyPair keys = ServiceAccountKeys.rsa();
        String email = "sender@newsletter-test.iam.gserviceaccount.com";
        ServiceAccountKeys.write(dir.resolve("config/service-account.json"), keys, email, endpoint.url());
        endpoint.serviceAccount(keys.getPublic(), email, "news@example.org", "https://mail.google.com/");
        OAuthSettings settings = new OAuthSettings(
                OAuthSettings.Provider.GOOGLE,
                null,
                Grant.JWT_BEARER,
                null, // from the key file's token_uri
                null,
                null,
                null,
                null, // the provider's scope
                "config/service-account.json");

        AccessToken token = tokens(settings, Map.of()).token();

        assertThat(endpoint.refusals()).isEmpty();
        assertThat(endpoint.valid(token.value())).isTrue();
    }

    @Test
    void aJwtSignedWithAnotherKeyIsRefused() {
        String email = "sender@newsletter-test.iam.gserviceaccount.com";
        ServiceAccountKeys.write(dir.resolve("key.json"), ServiceAccountKeys.rsa(), email, endpoint.url());
        endpoint.serviceAccount(
                ServiceAccountKeys.rsa().getPublic(), email, "news@example.org", "https://mail.google.com/");

        TokenSource tokens = tokens(settings(Grant.JWT_BEARER, "https://mail.google.com/", "key.json"), Map.of());

        assertThatThrownBy(tokens::token).hasMessageContaining("invalid_grant: Invalid JWT Signature.");
    }

    @Test
    void aMissingSecretOrAPlainHttpEndpointElsewhereIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> tokens(settings(Grant.CLIENT_CREDENTIALS, SCOPE, null), Map.of()))
                .hasMessageContaining("environment variable SECRET");
        OAuthSettings remote = new OAuthSettings(
                null,
                null,
                Grant.CLIENT_CREDENTIALS,
                "http://login.example.org/token",
                "c",
                "SECRET",
                null,
                SCOPE,
                null);
        assertThatThrownBy(() -> tokens(remote, Map.of("SECRET", SECRET))).hasMessageContaining("https");
        assertThat(endpoint.requests()).isEmpty();
    }

    @Test
    void anUnreachableEndpointIsATemporaryFailure() {
        OAuthSettings closed = new OAuthSettings(
                null, null, Grant.CLIENT_CREDENTIALS, "http://127.0.0.1:9/token", "c", "SECRET", null, SCOPE, null);

        assertThatThrownBy(() -> tokens(closed, Map.of("SECRET", SECRET)).token())
                .isInstanceOfSatisfying(
                        TokenException.class, e -> assertThat(e.refused()).isFalse())
                .hasMessageContaining("cannot reach");
    }
}
