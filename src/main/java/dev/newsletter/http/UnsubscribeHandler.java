package dev.newsletter.http;

import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-click unsubscribe endpoint (RFC 8058). Any path ending in {@code /unsubscribe} (so a
 * reverse proxy may mount it anywhere) with the token as {@code t}:
 *
 * <ul>
 *   <li>{@code POST} with the field {@code List-Unsubscribe=One-Click} (what mail providers send,
 *       multipart or urlencoded) or from the confirmation page: unsubscribes at once, answers 200,
 *       never redirects;
 *   <li>{@code GET}: shows a page with a confirm button and changes nothing (link scanners and
 *       prefetchers follow GET links);
 *   <li>a malformed token: 400; a forged or altered one: 403; nothing changes. A body that is too
 *       large: 413; too slow: 408; of another type: 415; without the field: 400. When recording
 *       the unsubscribe fails: 500, and the log says what to do.
 * </ul>
 *
 * <p>The body is read asynchronously (no thread waits for a slow client); the unsubscribe itself,
 * which takes file locks, runs on the bounded worker pool.
 */
final class UnsubscribeHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(UnsubscribeHandler.class);

    /** The confirmation page posts this field too, to tell its unsubscribes from the providers'. */
    static final String FROM_PAGE = "from";

    private final UnsubscribeTokens tokens;
    private final Unsubscriber unsubscriber;
    private final String newsletterName;
    private final EndpointLog log;
    private final FormBody forms;
    private final Duration bodyTimeout;
    private final ClientConnections connections;
    private final Executor workers;

    UnsubscribeHandler(
            UnsubscribeTokens tokens,
            Unsubscriber unsubscriber,
            UnsubscribeServer.Options options,
            ClientConnections connections,
            Executor workers) {
        this.tokens = tokens;
        this.unsubscriber = unsubscriber;
        this.newsletterName = options.newsletterName();
        this.log = options.log();
        this.forms = new FormBody(options.limits().maxBodyBytes());
        this.bodyTimeout = options.limits().bodyTimeout();
        this.connections = connections;
        this.workers = workers;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        connections.headersArrived(request.getConnectionMetaData().getConnection());
        Reply reply = new Reply(response, callback);
        try {
            String path = request.getHttpURI().getPath();
            if (path == null || !path.endsWith("/unsubscribe")) {
                reply.send(HttpStatus.NOT_FOUND_404, Pages.message("Not found", "There is nothing here."));
                return true;
            }
            String token = Optional.ofNullable(Request.extractQueryParameters(request, StandardCharsets.UTF_8)
                            .getValue("t"))
                    .orElse("");
            switch (request.getMethod()) {
                case "GET", "HEAD" ->
                    verified(reply, token)
                            .ifPresent(subject -> reply.send(
                                    HttpStatus.OK_200,
                                    Pages.confirm(
                                            newsletterName, subject.address().toString(), token)));
                case "POST" -> verified(reply, token).ifPresent(subject -> post(request, reply, subject));
                default ->
                    reply.header(HttpHeader.ALLOW, "GET, POST")
                            .send(
                                    HttpStatus.METHOD_NOT_ALLOWED_405,
                                    Pages.message("Method not allowed", "Use the link in the email."));
            }
        } catch (RuntimeException e) {
            failed(reply, request, e);
        }
        return true;
    }

    private void post(Request request, Reply reply, UnsubscribeTokens.Subject subject) {
        forms.read(request)
                .orTimeout(bodyTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((fields, failure) -> {
                    if (failure != null) {
                        refuseBody(reply, failure);
                        return;
                    }
                    try {
                        workers.execute(() -> unsubscribe(reply, subject, fields));
                    } catch (RejectedExecutionException busy) {
                        log.warn("unsubscribe endpoint busy: every worker is busy and the queue is full; answered 503");
                        reply.send(
                                HttpStatus.SERVICE_UNAVAILABLE_503,
                                Pages.message("Busy", "Too many requests at once; please try again in a minute."));
                    }
                });
    }

    private void unsubscribe(Reply reply, UnsubscribeTokens.Subject subject, Fields fields) {
        if (!oneClick(fields)) {
            reply.send(
                    HttpStatus.BAD_REQUEST_400,
                    Pages.message("Bad request", "The request must carry List-Unsubscribe=One-Click."));
            return;
        }
        String how = "page".equals(fields.getValue(FROM_PAGE)) ? "page" : "one-click";
        try {
            boolean changed = unsubscriber.unsubscribe(subject.list(), subject.address(), how);
            log.info("unsubscribed " + subject.address() + " from " + subject.list() + " (" + how + ")"
                    + (changed ? "" : "; it already was"));
            reply.send(
                    HttpStatus.OK_200,
                    Pages.done(newsletterName, subject.address().toString()));
        } catch (RuntimeException e) {
            log.warn("could not record that " + subject.address() + " unsubscribed from " + subject.list() + " ("
                    + how + "): " + firstLine(e) + "; record it with './newsletter subscribers unsubscribe "
                    + subject.address() + " --list " + subject.list() + "'");
            LOG.debug("unsubscribe failed", e);
            reply.send(
                    HttpStatus.INTERNAL_SERVER_ERROR_500,
                    Pages.message(
                            "Something went wrong", "Your unsubscribe was not recorded. Please try again later."));
        }
    }

    /**
     * Whether the body carries {@code List-Unsubscribe=One-Click} (RFC 8058 §3.1), its name and value
     * in any case and the value with space around it: the token is what authorises the unsubscribe,
     * and a sender that spells the field a little differently still means it.
     */
    private static boolean oneClick(Fields fields) {
        for (Fields.Field field : fields) {
            if (field.getName().equalsIgnoreCase("List-Unsubscribe")
                    && field.getValues().stream()
                            .anyMatch(value -> value.strip().equalsIgnoreCase("One-Click"))) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(Throwable e) {
        return String.valueOf(e.getMessage())
                .lines()
                .findFirst()
                .orElse(e.getClass().getSimpleName());
    }

    private void refuseBody(Reply reply, Throwable failure) {
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

    /** The token's subject, or an error page (400 malformed, 403 bad signature) already sent. */
    private Optional<UnsubscribeTokens.Subject> verified(Reply reply, String token) {
        if (token.isEmpty()
                || token.length() > UnsubscribeTokens.MAX_TOKEN_LENGTH
                || !token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")) {
            reply.send(
                    HttpStatus.BAD_REQUEST_400, Pages.message("Bad request", "This unsubscribe link is incomplete."));
            return Optional.empty();
        }
        Optional<UnsubscribeTokens.Subject> subject = tokens.verify(token);
        if (subject.isEmpty()) {
            reply.send(
                    HttpStatus.FORBIDDEN_403, Pages.message("Link not valid", "This unsubscribe link is not valid."));
        }
        return subject;
    }

    private void failed(Reply reply, Request request, RuntimeException e) {
        if (e instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
            LOG.debug("bad request", e);
            reply.send(http.getCode(), Pages.message("Bad request", "The request could not be read."));
            return;
        }
        log.warn("unsubscribe endpoint: " + request.getMethod() + " "
                + request.getHttpURI().getPath() + " failed: " + e);
        LOG.debug("request failed", e);
        reply.send(
                HttpStatus.INTERNAL_SERVER_ERROR_500, Pages.message("Something went wrong", "Please try again later."));
    }
}
