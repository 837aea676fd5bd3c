package dev.newsletter.preview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser for the tests: real HTTP to the preview server, and a wait for its next change over {@code /events}. */
final class PreviewClient {
    private static final Pattern SINCE = Pattern.compile("'events\\?since=(\\d+)");
    private static final Pattern CHANGED = Pattern.compile("event: change\ndata: (\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final String base;

    PreviewClient(PreviewServer server) {
        this.base = server.url().substring(0, server.url().length() - 1); // paths below start with '/'
    }

    HttpResponse<String> get(String path) {
        return send(path, HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to {@code GET path}, its body as bytes (a picture). */
    HttpResponse<byte[]> bytes(String path) {
        return send(path, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path))
                            .timeout(Duration.ofMinutes(1))
                            .GET()
                            .build(),
                    body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The page's body (asserting 200). */
    String page(String path) {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** The version a page was built from, as its script asks {@code /events} about it. */
    static long version(String page) {
        Matcher matcher = SINCE.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no /events script in the page");
        }
        return Long.parseLong(matcher.group(1));
    }

    /**
     * Waits, as the page's script does, for the files to move past {@code since}: each {@code /events}
     * request returns at the change or after its hold; gives up at the deadline. Returns the new version.
     */
    long awaitChange(long since, Duration deadline) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            String body = get("/events?since=" + since).body();
            Matcher matcher = CHANGED.matcher(body);
            if (matcher.find()) {
                return Long.parseLong(matcher.group(1));
            }
        }
        throw new AssertionError("no change reported after version " + since + " within " + deadline);
    }
}
