package dev.newsletter.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token endpoint over HTTPS (plain HTTP only to a loopback address): a form POST (RFC 6749
 * §4.4.2, §6), a JSON answer. Redirects are not followed (a secret goes to the configured URL and
 * nowhere else). Errors become one line with the OAuth {@code error} code and the first sentence of
 * its description, with every secret the request carried cut out.
 */
final class TokenEndpoint {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_DESCRIPTION = 300;

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    /** What the endpoint issued. */
    record Issued(String accessToken, long expiresInSeconds, Optional<String> refreshToken) {
        @Override
        public String toString() {
            return "token issued, expires in " + expiresInSeconds + " s";
        }
    }

    TokenEndpoint(URI url, Duration timeout) {
        if (!safe(url)) {
            throw new IllegalArgumentException("the token URL must be https (plain http only to this machine)");
        }
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static boolean safe(URI url) {
        String host = url.getHost();
        return host != null
                && url.getRawUserInfo() == null
                && ("https".equalsIgnoreCase(url.getScheme())
                        || ("http".equalsIgnoreCase(url.getScheme())
                                && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))));
    }

    URI url() {
        return url;
    }

    Issued fetch(TokenRequest request, Map<String, String> form) {
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw TokenException.unavailable(
                    "cannot reach the token endpoint " + url + ": "
                            + clean(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), request),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TokenException.unavailable("interrupted while asking " + url + " for a token", e);
        }
        JsonNode json = parse(response.body());
        int status = response.statusCode();
        if (status == 200 && json != null && text(json, "access_token").isPresent()) {
            long expiresIn = json.has("expires_in") ? json.get("expires_in").asLong(3600) : 3600;
            return new Issued(text(json, "access_token").get(), expiresIn, text(json, "refresh_token"));
        }
        Optional<String> error = json == null ? Optional.empty() : text(json, "error");
        if (error.isPresent() && status >= 400 && status < 500) {
            String code = clean(error.get(), request);
            String description = text(json, "error_description")
                    .map(d -> ": " + firstSentence(clean(d, request)))
                    .orElse("");
            String hint = request.hint(error.get());
            throw TokenException.refused("the token endpoint " + url + " refused the " + request.grant() + " grant: "
                    + code + description + (hint.isEmpty() ? "" : " — " + hint));
        }
        if (status >= 500 || status == 429) {
            throw TokenException.unavailable(
                    "the token endpoint " + url + " answered HTTP " + status + "; try again later", null);
        }
        throw TokenException.refused("the token endpoint " + url + " answered HTTP " + status
                + (status == 200 ? " without an access_token" : " without an OAuth error")
                + "; is oauth.tokenUrl the token endpoint?");
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || !node.isString() || node.asString().isBlank()
                ? Optional.empty()
                : Optional.of(node.asString());
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Microsoft's descriptions run on with trace and correlation ids: keep the first sentence. */
    private static String firstSentence(String description) {
        String text = description;
        int trace = text.indexOf(" Trace ID:");
        if (trace > 0) {
            text = text.substring(0, trace);
        }
        text = text.strip();
        return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION) + "…" : text;
    }

    /** One line, no control characters, no secret of the request. */
    private static String clean(String text, TokenRequest request) {
        String line = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        List<String> secrets = request.secrets();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                line = line.replace(secret, "[secret]");
            }
        }
        return line;
    }
}
