package dev.newsletter.oauth;

import dev.newsletter.config.OAuthSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
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
    /** Far more than any token answer (a Microsoft JWT is a few KiB). */
    static final int MAX_BODY = 256 * 1024;

    static final long DEFAULT_LIFETIME = 3600;
    static final long MAX_LIFETIME = 24 * 3600;
    /** RFC 6750 §2.1 b64token: nothing that could end a field of the XOAUTH2 string or a line. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    /** Form fields whose values are credentials (RFC 6749 §2.3.1, §6; RFC 7523 §2.1). */
    private static final List<String> SECRET_FIELDS = List.of("client_secret", "refresh_token", "assertion");

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
        return OAuthSettings.safeTokenUrl(url.toString());
    }

    URI url() {
        return url;
    }

    /**
     * Asks for a token. The whole exchange, body included, must end within the timeout, and the
     * body stay under {@link #MAX_BODY} bytes: an endpoint that stalls or talks forever is
     * "unavailable", not a hang.
     */
    Issued fetch(TokenRequest request, Map<String, String> form) {
        List<String> secrets = secrets(request, form);
        HttpRequest post = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<byte[]> response;
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(post, info -> new LimitedBody(MAX_BODY));
        try {
            response = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw TokenException.unavailable(
                    "the token endpoint " + url + " did not answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw TokenException.refused("the token endpoint " + url + " answered with a body too large for a"
                        + " token (over " + MAX_BODY / 1024 + " KiB); is oauth.tokenUrl the token endpoint?");
            }
            throw TokenException.unavailable(
                    "cannot reach the token endpoint " + url + ": "
                            + clean(
                                    cause.getMessage() == null
                                            ? cause.getClass().getSimpleName()
                                            : cause.getMessage(),
                                    secrets),
                    cause);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw TokenException.unavailable("interrupted while asking " + url + " for a token", e);
        }
        JsonNode json = parse(new String(response.body(), StandardCharsets.UTF_8));
        int status = response.statusCode();
        if (status == 200 && json != null && text(json, "access_token").isPresent()) {
            String token = text(json, "access_token").get();
            if (!BEARER_TOKEN.matcher(token).matches()) {
                throw TokenException.refused("the token endpoint " + url + " answered with an access_token that is"
                        + " not a bearer token (RFC 6750: letters, digits and -._~+/ only)");
            }
            return new Issued(token, expiresIn(json), text(json, "refresh_token"));
        }
        Optional<String> error = json == null ? Optional.empty() : text(json, "error");
        // an OAuth error is the answer whatever the status (some endpoints send it with 200)
        if (error.isPresent() && (status == 200 || (status >= 400 && status < 500 && status != 429))) {
            String code = clean(error.get(), secrets);
            String description = text(json, "error_description")
                    .map(d -> ": " + firstSentence(clean(d, secrets)))
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

    /**
     * {@code expires_in} in seconds (a number, or a number in a string as some endpoints send),
     * at most a day: a longer one is not believed (a refused token is renewed anyway). Absent or
     * unreadable: an hour.
     */
    private static long expiresIn(JsonNode json) {
        JsonNode node = json.get("expires_in");
        long seconds = DEFAULT_LIFETIME;
        if (node != null && node.isNumber()) {
            seconds = node.isIntegralNumber() && node.canConvertToLong()
                    ? node.asLong()
                    : (long) Math.min(node.asDouble(), Long.MAX_VALUE);
        } else if (node != null && node.isString() && node.asString().strip().matches("-?\\d{1,18}")) {
            seconds = Long.parseLong(node.asString().strip());
        }
        return Math.min(seconds, MAX_LIFETIME);
    }

    /** The secrets the request carries: the grant's own, and every secret field of the form, also URL-encoded. */
    private static List<String> secrets(TokenRequest request, Map<String, String> form) {
        List<String> secrets = new ArrayList<>(request.secrets());
        for (String field : SECRET_FIELDS) {
            if (form.containsKey(field)) {
                secrets.add(form.get(field));
            }
        }
        List<String> all = new ArrayList<>();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                all.add(secret);
                all.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            }
        }
        // the longest first, so that no part of a longer secret is left beside a cut shorter one
        all.sort(java.util.Comparator.comparingInt(String::length).reversed());
        return all;
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
    private static String clean(String text, List<String> secrets) {
        String line = text;
        for (String secret : secrets) {
            line = line.replace(secret, "[secret]");
        }
        return line.replaceAll("[\\p{Cntrl}]+", " ").strip();
    }
}
