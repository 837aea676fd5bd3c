package dev.newsletter.check;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Probes links over HTTP: a HEAD request, following redirects, and a GET when the server refuses HEAD
 * (405, 403, 501). All links are asked at once; each has its own timeout.
 */
public final class HttpLinkProbe implements LinkProbe {
    private final HttpClient client;
    private final Duration timeout;

    public HttpLinkProbe(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Map<URI, Answer> probe(List<URI> links) {
        Map<URI, CompletableFuture<Answer>> pending = new LinkedHashMap<>();
        for (URI link : links) {
            pending.put(
                    link,
                    ask(link, "HEAD")
                            .thenCompose(
                                    answer -> answer.status() == 405 || answer.status() == 403 || answer.status() == 501
                                            ? ask(link, "GET")
                                            : CompletableFuture.completedFuture(answer)));
        }
        Map<URI, Answer> answers = new LinkedHashMap<>();
        pending.forEach((link, future) -> answers.put(link, future.join()));
        return answers;
    }

    private CompletableFuture<Answer> ask(URI link, String method) {
        HttpRequest request = HttpRequest.newBuilder(link)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(timeout)
                .header("User-Agent", "newsletter-check (link check before sending)")
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> Answer.status(response.statusCode()))
                .exceptionally(e -> Answer.error(e.getCause() == null ? e.toString() : describe(e.getCause())));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
