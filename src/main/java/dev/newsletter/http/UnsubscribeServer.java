package dev.newsletter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-click unsubscribe endpoint (RFC 8058) on the JDK's HTTP server. Any path ending in
 * {@code /unsubscribe} (so a reverse proxy may mount it anywhere) with the token as {@code t}:
 *
 * <ul>
 *   <li>{@code POST} with the body {@code List-Unsubscribe=One-Click} (what mail providers send)
 *       or from the confirmation page: unsubscribes at once, answers 200, never redirects;
 *   <li>{@code GET}: shows a page with a confirm button and changes nothing (link scanners and
 *       prefetchers follow GET links);
 *   <li>a malformed token: 400; a forged or altered one: 403; nothing changes.
 * </ul>
 */
public final class UnsubscribeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeServer.class);
    private static final int MAX_BODY = 4096;

    private final HttpServer server;
    private final ExecutorService executor;
    private final UnsubscribeTokens tokens;
    private final Unsubscriber unsubscriber;
    private final String newsletterName;

    private UnsubscribeServer(
            HttpServer server, UnsubscribeTokens tokens, Unsubscriber unsubscriber, String newsletterName) {
        this.server = server;
        this.tokens = tokens;
        this.unsubscriber = unsubscriber;
        this.newsletterName = newsletterName;
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "unsubscribe-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts listening on {@code bind:port} (port 0: a free port). */
    public static UnsubscribeServer start(
            String bind, int port, UnsubscribeTokens tokens, Unsubscriber unsubscriber, String newsletterName) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
            UnsubscribeServer endpoint = new UnsubscribeServer(server, tokens, unsubscriber, newsletterName);
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bind + ":" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path == null || !(path.endsWith("/unsubscribe") || path.equals("/unsubscribe"))) {
                respond(exchange, 404, Pages.message("Not found", "There is nothing here."));
                return;
            }
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String token =
                    parameter(exchange.getRequestURI().getRawQuery(), "t").orElse("");
            switch (method) {
                case "GET", "HEAD" -> confirmPage(exchange, token);
                case "POST" -> unsubscribe(exchange, token);
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, POST");
                    respond(exchange, 405, Pages.message("Method not allowed", "Use the link in the email."));
                }
            }
        } catch (RuntimeException e) {
            LOG.error("unsubscribe request failed", e);
            respond(exchange, 500, Pages.message("Something went wrong", "Please try again later."));
        }
    }

    private void confirmPage(HttpExchange exchange, String token) throws IOException {
        Optional<UnsubscribeTokens.Subject> subject = verified(exchange, token);
        if (subject.isPresent()) {
            respond(
                    exchange,
                    200,
                    Pages.confirm(newsletterName, subject.get().address().toString(), token));
        }
    }

    private void unsubscribe(HttpExchange exchange, String token) throws IOException {
        String body = readBody(exchange.getRequestBody());
        if (!parameter(body, "List-Unsubscribe").filter("One-Click"::equals).isPresent()) {
            respond(exchange, 400, Pages.message("Bad request", "The request must carry List-Unsubscribe=One-Click."));
            return;
        }
        Optional<UnsubscribeTokens.Subject> subject = verified(exchange, token);
        if (subject.isEmpty()) {
            return;
        }
        boolean changed =
                unsubscriber.unsubscribe(subject.get().list(), subject.get().address(), "one-click");
        LOG.info(
                "unsubscribed {} from {}{}",
                subject.get().address(),
                subject.get().list(),
                changed ? "" : " (already unsubscribed)");
        respond(
                exchange,
                200,
                Pages.done(newsletterName, subject.get().address().toString()));
    }

    /** The token's subject, or an error response (400 malformed, 403 bad signature) already sent. */
    private Optional<UnsubscribeTokens.Subject> verified(HttpExchange exchange, String token) throws IOException {
        if (token.isEmpty() || token.length() > 1024 || !token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
            respond(exchange, 400, Pages.message("Bad request", "This unsubscribe link is incomplete."));
            return Optional.empty();
        }
        Optional<UnsubscribeTokens.Subject> subject = tokens.verify(token);
        if (subject.isEmpty()) {
            respond(exchange, 403, Pages.message("Link not valid", "This unsubscribe link is not valid."));
        }
        return subject;
    }

    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A form or query parameter ({@code a=b&c=d}), decoded. */
    static Optional<String> parameter(String form, String name) {
        if (form == null) {
            return Optional.empty();
        }
        for (String pair : form.strip().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders()
                .set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}
