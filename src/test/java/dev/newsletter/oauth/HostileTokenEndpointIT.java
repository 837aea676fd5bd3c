package dev.newsletter.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsletter.config.OAuthSettings;
import dev.newsletter.config.OAuthSettings.Grant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token endpoint that answers oddly or with hostile intent: the program gets a token or one clean line. */
class HostileTokenEndpointIT {
    private static final String SECRET = "s3cr3t+client/value=7Q~xyz";
    private static final String SCOPE = "https://outlook.office365.com/.default";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> lastForm = new AtomicReference<>("");
    private HttpServer server;

    @TempDir
    Path dir;

    @FunctionalInterface
    interface Answer {
        void on(HttpExchange exchange, Map<String, String> form) throws IOException;
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private String serve(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                lastForm.set(body);
                Map<String, String> form = new java.util.LinkedHashMap<>();
                for (String pair : body.split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(
                            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                answer.on(exchange, form);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private TokenSource clientCredentials(String url, Duration timeout) {
        OAuthSettings settings =
                new OAuthSettings(null, null, Grant.CLIENT_CREDENTIALS, url, "client-1", "SECRET", null, SCOPE, null);
        return OAuthTokens.forLogin(
                "smtp.oauth", settings, "news@example.org", Map.of("SECRET", SECRET), dir, clock, timeout);
    }

    private TokenSource clientCredentials(String url) {
        return clientCredentials(url, Duration.ofSeconds(10));
    }

    @Test
    void aPlainHttpUrlToAHostNameStartingWith127IsRefusedBeforeAnyRequest() {
        for (String url : new String[] {
            "http://127.attacker.example/token", "http://127.0.0.1.nip.io/token", "http://localhost.attacker.example/t"
        }) {
            assertThatThrownBy(() -> clientCredentials(url))
                    .as(url)
                    .isInstanceOf(TokenException.class)
                    .hasMessageContaining("https");
        }
    }

    @Test
    void aTokenUrlWithCredentialsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> clientCredentials("https://app:hunter2@login.example.org/token"))
                .isInstanceOf(TokenException.class)
                .hasMessageContaining("user name or password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anEndpointThatSendsHeadersThenStallsTheBodyTimesOut() throws IOException {
        String url = serve((exchange, form) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"access_token\":".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TokenSource tokens = clientCredentials(url, Duration.ofSeconds(1));

        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> assertThatThrownBy(tokens::token)
                        .isInstanceOfSatisfying(
                                TokenException.class,
                                e -> assertThat(e.refused()).isFalse())
                        .hasMessageContaining(url));
    }

    @Test
    void anEndlessBodyIsCutOffNotReadIntoMemory() throws IOException {
        String url = serve((exchange, form) -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] spaces = new byte[64 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 4096 && release.getCount() > 0; i++) { // at most 256 MB
                    out.write(spaces);
                }
            } catch (IOException e) {
                // the client hung up: expected
            }
        });
        TokenSource tokens = clientCredentials(url);

        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> assertThatThrownBy(tokens::token)
                        .isInstanceOf(TokenException.class)
                        .hasMessageContaining("too large"));
    }

    @Test
    void aHugeExpiresInIsCappedAndTheTokenStillUsed() throws IOException {
        String url = serve((exchange, form) -> json(
                exchange,
                200,
                "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807}"));
        TokenSource tokens = clientCredentials(url);

        AccessToken token = tokens.token();

        assertThat(token.value()).isEqualTo("tok-1");
        assertThat(token.expiresAt()).isBefore(clock.instant().plus(Duration.ofDays(2)));
    }

    @Test
    void aFractionalOrAbsurdExpiresInStillGivesAUsableToken() throws IOException {
        String url = serve((exchange, form) ->
                json(exchange, 200, "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":1e300}"));

        AccessToken token = clientCredentials(url).token();

        assertThat(token.expiresAt()).isBefore(clock.instant().plus(Duration.ofDays(2)));
    }

    @Test
    void expiresInAsAStringIsRead() throws IOException {
        String url = serve((exchange, form) ->
                json(exchange, 200, "{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":\"120\"}"));

        AccessToken token = clientCredentials(url).token();

        assertThat(token.expiresAt()).isEqualTo(clock.instant().plusSeconds(120));
    }

    @Test
    void aTokenWithControlCharactersIsRefusedBecauseItWouldBreakTheLoginString() throws IOException {
        for (String bad : new String[] {"tok\\u0001auth=Bearer x", "tok\\r\\nQUIT", "tok with spaces", "tök"}) {
            String url = serve((exchange, form) -> json(
                    exchange, 200, "{\"access_token\":\"" + bad + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}"));

            assertThatThrownBy(() -> clientCredentials(url).token())
                    .as(bad)
                    .isInstanceOfSatisfying(
                            TokenException.class, e -> assertThat(e.refused()).isTrue())
                    .hasMessageContaining("access_token")
                    .hasMessageNotContaining("QUIT")
                    .hasMessageNotContaining("auth=");
            server.stop(0);
        }
    }

    @Test
    void anOAuthErrorWithStatus200IsReportedAsTheError() throws IOException {
        String url = serve((exchange, form) ->
                json(exchange, 200, "{\"error\":\"invalid_client\",\"error_description\":\"Bad secret.\"}"));

        assertThatThrownBy(() -> clientCredentials(url).token())
                .isInstanceOfSatisfying(
                        TokenException.class, e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("invalid_client: Bad secret.");
    }

    @Test
    void theSecretEchoedBackUrlEncodedIsCutOut() throws IOException {
        String url = serve((exchange, form) -> json(
                exchange,
                401,
                "{\"error\":\"invalid_client\",\"error_description\":\"secret "
                        + java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8) + " is wrong. raw body: "
                        + lastForm.get().replace("\"", "") + "\"}"));

        assertThatThrownBy(() -> clientCredentials(url).token())
                .hasMessageContaining("invalid_client")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(java.net.URLEncoder.encode(SECRET, StandardCharsets.UTF_8))
                .hasMessageNotContaining("7Q~xyz");
    }

    @Test
    void theJwtAssertionEchoedBackIsCutOut() throws IOException {
        String url = serve((exchange, form) -> json(
                exchange,
                400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"bad assertion " + form.get("assertion")
                        + ".\"}"));
        ServiceAccountKeys.write(
                dir.resolve("key.json"), ServiceAccountKeys.rsa(), "sa@x.iam.gserviceaccount.com", url);
        OAuthSettings settings = new OAuthSettings(
                null, null, Grant.JWT_BEARER, url, null, null, null, "https://mail.google.com/", "key.json");
        TokenSource tokens = OAuthTokens.forLogin(
                "smtp.oauth", settings, "news@example.org", Map.of(), dir, clock, Duration.ofSeconds(10));

        assertThatThrownBy(tokens::token)
                .hasMessageContaining("invalid_grant")
                .hasMessageNotContaining("eyJ"); // every JWT starts so: {"alg"… in base64url
    }

    @Test
    void connectionsWaitingForAFetchThatFailsShareItsFailureInsteadOfEachAskingAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch asked = new CountDownLatch(1);
        String url = serve((exchange, form) -> {
            requests.incrementAndGet();
            asked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(exchange, 503, "{}");
        });
        TokenSource tokens = clientCredentials(url);
        int connections = 8;
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        java.util.List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                try {
                    tokens.token();
                } catch (TokenException e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
            if (i == 0) {
                asked.await(); // the first is fetching; the others queue behind it
            }
        }
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (Thread thread : threads.subList(1, connections)) {
                while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.WAITING) {
                    Thread.onSpinWait();
                }
            }
        });
        release.countDown();
        for (Thread thread : threads) {
            thread.join(60_000);
        }

        assertThat(failures).hasSize(connections);
        assertThat(requests.get()).as("token requests").isEqualTo(1);
    }
}
