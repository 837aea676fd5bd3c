package dev.newsletter.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OAuth 2.0 token endpoint on a free loopback port, for tests: it checks each request as a real
 * one would (client id and secret, refresh token, or a JWT assertion verified with the service
 * account's public key, with its {@code iss}, {@code sub}, {@code aud}, {@code scope} and {@code
 * exp}), issues random tokens that expire {@code expiresIn} seconds later on the given clock, and
 * answers refusals with the OAuth error JSON. A relay asks it whether a token is valid.
 */
public final class FakeTokenEndpoint implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private volatile long expiresIn = 3600;
    private volatile String clientId = "";
    private volatile String clientSecret = "";
    private volatile String refreshToken = "";
    private volatile String rotateTo = "";
    private volatile String scope = "";
    private volatile PublicKey serviceAccount;
    private volatile String serviceAccountEmail = "";
    private volatile String subject = "";

    private FakeTokenEndpoint(Clock clock) throws IOException {
        this.clock = clock;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    public static FakeTokenEndpoint start(Clock clock) {
        try {
            return new FakeTokenEndpoint(clock);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Accepts the client-credentials grant for this client. */
    public FakeTokenEndpoint client(String id, String secret, String wantedScope) {
        clientId = id;
        clientSecret = secret;
        scope = wantedScope;
        return this;
    }

    /** Accepts the refresh-token grant with this token (and the client set by {@link #client}); rotates it when {@code next} is not empty. */
    public FakeTokenEndpoint refreshToken(String token, String next) {
        refreshToken = token;
        rotateTo = next;
        return this;
    }

    /** Accepts a JWT assertion signed by this key, from this account, for this mailbox. */
    public FakeTokenEndpoint serviceAccount(PublicKey key, String email, String mailbox, String wantedScope) {
        serviceAccount = key;
        serviceAccountEmail = email;
        subject = mailbox;
        scope = wantedScope;
        return this;
    }

    public FakeTokenEndpoint expiresIn(long seconds) {
        expiresIn = seconds;
        return this;
    }

    /** Whether {@code token} was issued here and has not expired on the clock. */
    public boolean valid(String token) {
        Instant expires = token == null ? null : issued.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Every token issued, in order. */
    public List<String> tokens() {
        return List.copyOf(tokens);
    }

    public int issuedCount() {
        return tokens.size();
    }

    /** Why requests were refused, in order. */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")
                    || !String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))
                            .startsWith("application/x-www-form-urlencoded")) {
                answer(exchange, 400, Map.of("error", "invalid_request", "error_description", "POST a form"));
                return;
            }
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(form);
            String refusal = check(form);
            if (refusal != null) {
                refusals.add(refusal);
                String error = refusal.substring(0, refusal.indexOf(':'));
                answer(
                        exchange,
                        error.equals("invalid_client") ? 401 : 400,
                        Map.of(
                                "error",
                                error,
                                "error_description",
                                refusal.substring(refusal.indexOf(':') + 2)
                                        + " Trace ID: 0c4e5e4b-0000 Correlation ID: 9f1d Timestamp: 2026-12-04"));
                return;
            }
            byte[] raw = new byte[24];
            RANDOM.nextBytes(raw);
            String token = "tok" + tokens.size() + "-" + HexFormat.of().formatHex(raw);
            issued.put(token, clock.instant().plusSeconds(expiresIn));
            tokens.add(token);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token_type", "Bearer");
            body.put("expires_in", expiresIn);
            body.put("access_token", token);
            if (form.get("grant_type").equals("refresh_token") && !rotateTo.isEmpty()) {
                body.put("refresh_token", rotateTo);
                refreshToken = rotateTo;
            }
            answer(exchange, 200, body);
        }
    }

    /** Null when the request is good; else "error_code: description". */
    private String check(Map<String, String> form) {
        String grant = form.getOrDefault("grant_type", "");
        switch (grant) {
            case "client_credentials" -> {
                if (!form.getOrDefault("client_id", "").equals(clientId)
                        || !form.getOrDefault("client_secret", "").equals(clientSecret)) {
                    return "invalid_client: AADSTS7000215: Invalid client secret provided.";
                }
                return form.getOrDefault("scope", "").equals(scope) ? null : "invalid_scope: wrong scope.";
            }
            case "refresh_token" -> {
                if (!form.getOrDefault("client_id", "").equals(clientId)
                        || !form.getOrDefault("client_secret", "").equals(clientSecret)) {
                    return "invalid_client: Unauthorized.";
                }
                if (refreshToken.isEmpty()
                        || !form.getOrDefault("refresh_token", "").equals(refreshToken)) {
                    return "invalid_grant: Token has been expired or revoked.";
                }
                return form.getOrDefault("scope", "").equals(scope) ? null : "invalid_scope: wrong scope.";
            }
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> {
                return checkJwt(form.getOrDefault("assertion", ""));
            }
            default -> {
                return "unsupported_grant_type: " + grant + ".";
            }
        }
    }

    private String checkJwt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3 || serviceAccount == null) {
            return "invalid_grant: not a JWT.";
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!header.path("alg").asString().equals("RS256")) {
                return "invalid_grant: alg must be RS256.";
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(serviceAccount);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "invalid_grant: Invalid JWT Signature.";
            }
            long now = clock.instant().getEpochSecond();
            long iat = claims.path("iat").asLong();
            long exp = claims.path("exp").asLong();
            if (!claims.path("iss").asString().equals(serviceAccountEmail)) {
                return "invalid_grant: wrong iss.";
            }
            if (!claims.path("sub").asString().equals(subject)) {
                return "unauthorized_client: Client is unauthorized to retrieve access tokens using this method.";
            }
            if (!claims.path("aud").asString().equals(url())) {
                return "invalid_grant: Invalid JWT: aud is not the token endpoint.";
            }
            if (!claims.path("scope").asString().equals(scope)) {
                return "invalid_scope: wrong scope.";
            }
            if (exp <= now || iat > now + 60 || exp - iat > 3600) {
                return "invalid_grant: Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.";
            }
            return null;
        } catch (Exception e) {
            return "invalid_grant: unreadable JWT (" + e.getMessage() + ").";
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> json) throws IOException {
        byte[] body = JSON.writeValueAsBytes(json);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
