package dev.newsletter.preview;

import dev.newsletter.issue.Image;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The preview's routes, all {@code GET} and all under {@code /TOKEN/}, a random path segment made
 * per run and printed in the page's address (so other users of the machine, who can reach its
 * loopback address too, cannot read the list's addresses):
 *
 * <ul>
 *   <li>{@code /TOKEN/?subscriber=EMAIL}: the page ({@link PreviewPage});
 *   <li>{@code /TOKEN/email.html?subscriber=EMAIL}, {@code /TOKEN/email.txt?subscriber=EMAIL}: the
 *       message's two parts alone, byte for byte what {@code render} writes;
 *   <li>{@code /TOKEN/pictures/PATH}: one of the issue's pictures ({@link LocalPictures}), by its
 *       path relative to the issue's folder; the frames of the page show them from here;
 *   <li>{@code /TOKEN/events?since=VERSION}: Server-Sent Events; answers {@code event: change} as
 *       soon as the files' version differs from {@code since} (at once if it already does), or ends
 *       quietly after {@link #HOLD} so the browser reconnects. Waiting holds no thread.
 * </ul>
 *
 * Anything else is 404. A request whose {@code Host} is not this server's loopback address is
 * refused (421), so a web page cannot read the preview through DNS rebinding.
 */
final class PreviewHandler extends Handler.Abstract {
    static final Duration HOLD = Duration.ofSeconds(20);

    private static final String EMAIL_CSP = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none';"
            + " style-src 'unsafe-inline'; img-src 'self' http: https: data:";

    private final PreviewBuilder builder;
    private final ChangeWatch watch;
    private final Scheduler scheduler;
    private final IntSupplier port;
    private final byte[] token;
    private final SecureRandom random = new SecureRandom();

    PreviewHandler(PreviewBuilder builder, ChangeWatch watch, Scheduler scheduler, IntSupplier port, String token) {
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.builder = builder;
        this.watch = watch;
        this.scheduler = scheduler;
        this.port = port;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (!ourHost(request.getHeaders().get(HttpHeader.HOST))) {
            return text(response, callback, HttpStatus.MISDIRECTED_REQUEST_421, "not this server's address\n");
        }
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "the preview only answers GET\n");
        }
        if (dotSegments(request.getHttpURI().getPath())) {
            return text(response, callback, HttpStatus.NOT_FOUND_404, "not found\n");
        }
        String path = Request.getPathInContext(request);
        int end = path.indexOf('/', 1);
        if (!path.startsWith("/")
                || end < 0
                || !MessageDigest.isEqual(path.substring(1, end).getBytes(StandardCharsets.UTF_8), token)) {
            return text(response, callback, HttpStatus.NOT_FOUND_404, "not found\n");
        }
        Fields query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        String subscriber = query.getValue("subscriber");
        String route = path.substring(end);
        if (route.startsWith("/" + LocalPictures.FOLDER)) {
            picture(response, callback, route.substring(1 + LocalPictures.FOLDER.length()));
            return true;
        }
        switch (route) {
            case "/" -> page(response, callback, subscriber);
            case "/email.html" -> part(response, callback, subscriber, true);
            case "/email.txt" -> part(response, callback, subscriber, false);
            case "/events" -> events(response, callback, query.getValue("since"));
            default -> text(response, callback, HttpStatus.NOT_FOUND_404, "not found\n");
        }
        return true;
    }

    private void page(Response response, Callback callback, String subscriber) {
        PreviewView view = builder.view(watch.version(), subscriber);
        String nonce = nonce();
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders()
                .put(
                        "Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' http: https: data:;"
                                + " script-src 'nonce-" + nonce + "'; connect-src 'self'; frame-src 'self';"
                                + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        Content.Sink.write(response, true, PreviewPage.of(view, nonce), callback);
    }

    /** One of the issue's pictures, by its exact path; anything else (another file, {@code ..}) is 404. */
    private void picture(Response response, Callback callback, String encodedPath) {
        Optional<Image> image;
        try {
            image = builder.pictures(watch.version()).find(URIUtil.decodePath(encodedPath));
        } catch (IllegalArgumentException e) { // a broken %-escape
            image = Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = image.isPresent() ? Files.readAllBytes(image.get().file()) : null;
        } catch (IOException e) {
            bytes = null; // removed since the issue was read: the next scan reloads the page
        }
        if (bytes == null) {
            text(response, callback, HttpStatus.NOT_FOUND_404, "not found\n");
            return;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, image.get().contentType());
        response.getHeaders().put("Content-Security-Policy", "default-src 'none'; sandbox");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private void part(Response response, Callback callback, String subscriber, boolean html) {
        PreviewView view = builder.view(watch.version(), subscriber);
        if (view.rendered().isEmpty()) {
            text(
                    response,
                    callback,
                    HttpStatus.CONFLICT_409,
                    "The issue cannot be shown:\n" + String.join("\n", view.problems()) + "\n");
            return;
        }
        var content = view.rendered().get().letter().content();
        response.setStatus(HttpStatus.OK_200);
        if (html) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
            response.getHeaders().put("Content-Security-Policy", EMAIL_CSP);
            Content.Sink.write(response, true, content.html(), callback);
        } else {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
            Content.Sink.write(response, true, content.text(), callback);
        }
    }

    private void events(Response response, Callback callback, String since) {
        long seen;
        try {
            seen = since == null ? -1 : Long.parseLong(since);
        } catch (NumberFormatException e) {
            seen = -1;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        ChangeWaiter waiter = new ChangeWaiter(response, callback, seen);
        // the headers go out at once (the browser then shows "live"); the event follows when there is one
        Content.Sink.write(response, false, "retry: 500\n\n", Callback.from(waiter::start, callback::failed));
    }

    /** One {@code /events} request waiting for the files to change: answered once, by a change or by the timeout. */
    private final class ChangeWaiter implements Runnable {
        private final Response response;
        private final Callback callback;
        private final long since;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile Scheduler.Task timeout;

        ChangeWaiter(Response response, Callback callback, long since) {
            this.response = response;
            this.callback = callback;
            this.since = since;
        }

        void start() {
            watch.onChange(this);
            timeout = scheduler.schedule(() -> answer(": no change\n\n"), HOLD.toMillis(), TimeUnit.MILLISECONDS);
            run(); // the files may have changed before this listened
        }

        @Override
        public void run() {
            long version = watch.version();
            if (version != since) {
                answer("event: change\ndata: " + version + "\n\n");
            }
        }

        private void answer(String text) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            watch.remove(this);
            Scheduler.Task task = timeout;
            if (task != null) {
                task.cancel();
            }
            Content.Sink.write(response, true, text, callback);
        }
    }

    /**
     * Whether the path as sent has a {@code .} or {@code ..} segment (also percent-encoded): a
     * browser resolves those before asking, so only a hand-made request has them, and the preview
     * answers it with 404 rather than with what the path would normalise to.
     */
    private static boolean dotSegments(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        for (String segment : rawPath.split("/", -1)) {
            String plain = segment.replaceAll("(?i)%2e", ".");
            int parameters = plain.indexOf(';');
            plain = parameters < 0 ? plain : plain.substring(0, parameters);
            if (plain.equals(".") || plain.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private boolean ourHost(String host) {
        if (host == null) {
            return false;
        }
        String lower = host.toLowerCase(Locale.ROOT);
        int ours = port.getAsInt();
        return lower.equals(PreviewServer.HOST + ":" + ours) || lower.equals("localhost:" + ours);
    }

    private static boolean text(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, text, callback);
        return true;
    }

    private String nonce() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
