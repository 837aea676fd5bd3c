package dev.newsletter.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * What the endpoint does with signups ({@code POST …/subscribe}) and confirmations ({@code GET} and
 * {@code POST …/confirm?t=…}); the rules live behind it. Every method may take file locks and is
 * called on a worker thread; none waits for SMTP.
 */
public interface SignupDesk extends AutoCloseable {

    /**
     * A signup from the form.
     *
     * @param fields the form's fields, the first value of each
     * @param client the client's address (the proxy's last {@code X-Forwarded-For} hop when trusted)
     */
    Answer subscribe(Map<String, String> fields, String client);

    /** The page a confirmation link opens: one button, nothing changed. */
    Answer confirmPage(String token);

    /** The button's POST: confirms. */
    Answer confirm(String token);

    /** Whether {@code X-Forwarded-For} from a proxy on this machine names the client. */
    boolean trustProxy();

    /** Stops what runs in the background (mails still queued are logged as not sent). */
    @Override
    void close();

    /**
     * One answer: a page ({@code status}, {@code title}, {@code text}), with a confirm button posting
     * {@code confirmToken} when present, or a {@code 303} to {@code redirect} when present.
     */
    record Answer(int status, String title, String text, Optional<String> confirmToken, Optional<URI> redirect) {
        public static Answer page(int status, String title, String text) {
            return new Answer(status, title, text, Optional.empty(), Optional.empty());
        }

        public static Answer button(String title, String text, String token) {
            return new Answer(200, title, text, Optional.of(token), Optional.empty());
        }

        public static Answer redirect(URI to) {
            return new Answer(303, "See other", "Continue at " + to, Optional.empty(), Optional.of(to));
        }
    }
}
