package dev.newsletter.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The one answer to a request: a small HTML page with a status. Whichever comes first (the work, a
 * failure, a timeout) sends it; later attempts are ignored, so every request gets exactly one page.
 */
final class Reply {
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    private final Response response;
    private final Callback callback;
    private final AtomicBoolean sent = new AtomicBoolean();

    Reply(Response response, Callback callback) {
        this.response = response;
        this.callback = callback;
    }

    /** Sends the page; returns false if an answer was sent already. */
    boolean send(int status, String html) {
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Content-Security-Policy", CSP);
        Content.Sink.write(response, true, html, callback);
        return true;
    }

    /** Adds a header to the page about to be sent. */
    Reply header(HttpHeader name, String value) {
        response.getHeaders().put(name, value);
        return this;
    }
}
