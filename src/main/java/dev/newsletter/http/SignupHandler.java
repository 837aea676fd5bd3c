package dev.newsletter.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The double opt-in routes, at any path ending in {@code /subscribe} or {@code /confirm} (so a
 * reverse proxy may mount them anywhere):
 *
 * <ul>
 *   <li>{@code POST …/subscribe}, urlencoded or multipart: a signup, answered by the {@link
 *       SignupDesk} (the same page, or a 303, whoever the address is);
 *   <li>{@code GET …/confirm?t=…}: a page with one button, nothing changed (link scanners and
 *       previewers open every link in a mail);
 *   <li>{@code POST …/confirm?t=…}: confirms.
 * </ul>
 *
 * <p>Bodies are read without holding a thread, with the endpoint's size cap and body timeout
 * ({@link FormBody}); the desk's work, which takes file locks, runs on the bounded worker pool.
 */
final class SignupHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SignupHandler.class);
    private static final int MAX_FORWARDED = 200;

    private final SignupDesk desk;
    private final FormBody forms;
    private final Duration bodyTimeout;
    private final Executor workers;
    private final EndpointLog log;

    SignupHandler(SignupDesk desk, HttpLimits limits, Executor workers, EndpointLog log) {
        this.desk = desk;
        this.forms = new FormBody(limits.maxBodyBytes());
        this.bodyTimeout = limits.bodyTimeout();
        this.workers = workers;
        this.log = log;
    }

    /** Whether {@code path} is one of these routes. */
    static boolean serves(String path) {
        return path != null && (path.endsWith("/subscribe") || path.endsWith("/confirm"));
    }

    void handle(Request request, Reply reply) {
        String path = request.getHttpURI().getPath();
        boolean subscribe = path.endsWith("/subscribe");
        String method = request.getMethod();
        if (subscribe && method.equals("POST")) {
            String client = client(request);
            withBody(request, reply, fields -> desk.subscribe(firstValues(fields), client));
        } else if (!subscribe && (method.equals("GET") || method.equals("HEAD"))) {
            String token = token(request);
            onWorker(reply, () -> desk.confirmPage(token));
        } else if (!subscribe && method.equals("POST")) {
            String query = token(request);
            withBody(request, reply, fields -> desk.confirm(query.isEmpty() ? value(fields, "t") : query));
        } else {
            reply.header(HttpHeader.ALLOW, subscribe ? "POST" : "GET, POST")
                    .send(
                            HttpStatus.METHOD_NOT_ALLOWED_405,
                            Pages.message(
                                    "Method not allowed", subscribe ? "Use the form." : "Use the link in the email."));
        }
    }

    private void withBody(Request request, Reply reply, Function<Fields, SignupDesk.Answer> work) {
        forms.read(request)
                .orTimeout(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((fields, failure) -> {
                    if (failure != null) {
                        refuseBody(reply, failure);
                    } else {
                        onWorker(reply, () -> work.apply(fields));
                    }
                });
    }

    private void onWorker(Reply reply, Supplier<SignupDesk.Answer> work) {
        try {
            workers.execute(() -> {
                try {
                    send(reply, work.get());
                } catch (RuntimeException e) {
                    log.warn("signup endpoint: " + e);
                    LOG.debug("signup failed", e);
                    reply.send(
                            HttpStatus.INTERNAL_SERVER_ERROR_500,
                            Pages.message("Something went wrong", "Please try again later."));
                }
            });
        } catch (RejectedExecutionException busy) {
            log.warn("signup endpoint busy: every worker is busy and the queue is full; answered 503");
            reply.send(
                    HttpStatus.SERVICE_UNAVAILABLE_503,
                    Pages.message("Busy", "Too many requests at once; please try again in a minute."));
        }
    }

    private static void send(Reply reply, SignupDesk.Answer answer) {
        if (answer.redirect().isPresent()) {
            String to = answer.redirect().get().toString();
            reply.header(HttpHeader.LOCATION, to).send(answer.status(), Pages.message(answer.title(), answer.text()));
        } else if (answer.confirmToken().isPresent()) {
            reply.send(
                    answer.status(),
                    Pages.page(
                            answer.title(),
                            "<p>" + Pages.escape(answer.text()) + "</p>"
                                    + "<form method=\"post\" action=\"?t="
                                    + Pages.escape(answer.confirmToken().get())
                                    + "\"><button type=\"submit\">Confirm</button></form>"));
        } else {
            reply.send(answer.status(), Pages.message(answer.title(), answer.text()));
        }
    }

    private static void refuseBody(Reply reply, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        LOG.debug("refused a request body", cause);
        if (cause instanceof HttpFailure refusal) {
            reply.send(refusal.status(), Pages.message("Request refused", refusal.getMessage()));
        } else if (cause instanceof TimeoutException) {
            reply.send(HttpStatus.REQUEST_TIMEOUT_408, Pages.message("Request refused", "The request took too long."));
        } else {
            reply.send(HttpStatus.BAD_REQUEST_400, Pages.message("Bad request", "The request body could not be read."));
        }
    }

    private static String token(Request request) {
        return Optional.ofNullable(Request.extractQueryParameters(request, StandardCharsets.UTF_8)
                        .getValue("t"))
                .orElse("");
    }

    private static Map<String, String> firstValues(Fields fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            values.putIfAbsent(field.getName(), field.getValue() == null ? "" : field.getValue());
        }
        return values;
    }

    private static String value(Fields fields, String name) {
        String value = fields.getValue(name);
        return value == null ? "" : value;
    }

    /**
     * The client's address: the socket's peer, or, when the desk trusts a proxy and the peer is this
     * machine, the last {@code X-Forwarded-For} entry (the one the proxy added; earlier ones are
     * whatever the client wrote).
     */
    private String client(Request request) {
        InetAddress peer = request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress a
                ? a.getAddress()
                : null;
        String socket = peer == null ? "unknown" : peer.getHostAddress();
        if (!desk.trustProxy() || peer == null || !peer.isLoopbackAddress()) {
            return socket;
        }
        String forwarded = null;
        for (String value : request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)) {
            forwarded = value;
        }
        if (forwarded == null) {
            return socket;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return !last.isEmpty() && last.length() <= MAX_FORWARDED && last.matches("[0-9A-Fa-f:.]+") ? last : socket;
    }
}
