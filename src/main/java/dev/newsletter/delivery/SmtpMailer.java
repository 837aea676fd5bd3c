package dev.newsletter.delivery;

import dev.newsletter.config.SmtpSettings;
import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.delivery.smtp.SmtpPath;
import dev.newsletter.delivery.smtp.TrackedTransport;
import dev.newsletter.mailing.ConnectionUnavailableException;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.MailerUnavailableException;
import dev.newsletter.mailing.OutgoingMessage;
import dev.newsletter.oauth.AccessToken;
import dev.newsletter.oauth.TokenException;
import dev.newsletter.oauth.TokenSource;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Mailer} over one SMTP connection, kept open for many messages (one per worker). Policy,
 * by the step the reply answers (RFC 5321, RFC 3463):
 *
 * <ul>
 *   <li>Timeouts (connect, read, write) are always set: Jakarta Mail's defaults are infinite. The
 *       write timeout of every connection (plain, STARTTLS, TLS) is kept as {@link SmtpPath} says.
 *   <li>Opening: refused, timed out, silent, or 4xx at the greeting: {@link
 *       ConnectionUnavailableException} (nothing sent; the caller pauses and tries again). Login
 *       refused, TLS required but not offered or failing, 5xx at the greeting: {@link
 *       MailerUnavailableException} (stop the run).
 *   <li>MAIL FROM: 4xx deferred; 5xx stops the run (every recipient would get the same answer).
 *   <li>RCPT TO: 4xx deferred; 5xx rejected (5.1.x: a hard bounce), except a refusal that is about
 *       us (530, "relay access denied", "authentication required"): that stops the run.
 *   <li>DATA: 4xx deferred; 5xx stops the run.
 *   <li>After the final dot: 2xx accepted; 4xx deferred; 5xx with 5.1.x/5.2.x (this mailbox)
 *       rejected; any other 5xx (size, content, policy) refuses the message itself: stop the run,
 *       the recipient kept as not final.
 *   <li>421 at any step, a timeout, a dropped connection, a reply out of step (a 250 to DATA): the
 *       connection is closed and never reused; the message is "failed" (retried on a new connection). When a reused connection
 *       turns out dead at MAIL FROM (the server closed it between messages), the message goes again
 *       at once on a new connection: nothing had been sent.
 *   <li>{@code RSET} after a failed transaction (unless Angus sent it already); if that fails too,
 *       the connection is closed.
 * </ul>
 *
 * No NOOP before each message: a dead connection shows itself on MAIL FROM and costs one reconnect.
 *
 * <p>When the server offers PIPELINING, MAIL FROM, RCPT TO and DATA go out together ({@link
 * TrackedTransport#send}); the policy above is the same, applied to the first step that failed.
 */
public final class SmtpMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);

    private final SmtpEndpoint endpoint;
    private final Session session;
    private final SmtpPath path;
    private TrackedTransport transport;

    /** A mailer on the path the environment asks for ({@link SmtpPath#fromEnvironment()}). */
    public SmtpMailer(SmtpEndpoint endpoint) {
        this(endpoint, SmtpPath.fromEnvironment());
    }

    public SmtpMailer(SmtpEndpoint endpoint, SmtpPath path) {
        this.endpoint = endpoint;
        this.path = path;
        this.session = MailSessions.of(properties(endpoint, path));
    }

    /** A factory opening one mailer per worker against {@code endpoint}, on the path the environment asks for. */
    public static Mailer.Factory factory(SmtpEndpoint endpoint) {
        SmtpPath path = SmtpPath.fromEnvironment();
        return () -> new SmtpMailer(endpoint, path);
    }

    static Properties properties(SmtpEndpoint endpoint, SmtpPath path) {
        String p = endpoint.tls() == Tls.TLS ? "mail.smtps." : "mail.smtp.";
        String millis = Long.toString(endpoint.timeout().toMillis());
        Properties props = new Properties();
        props.put(p + "host", endpoint.host());
        props.put(p + "port", Integer.toString(endpoint.port()));
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "localhost", endpoint.heloName());
        props.put(p + "quitwait", "false");
        props.put(p + "userset", "true");
        // Angus logs in with the password itself; XOAUTH2 is our own command after connecting
        props.put(
                p + "auth",
                Boolean.toString(endpoint.logsIn() && endpoint.xoauth2().isEmpty()));
        props.put(p + "ssl.checkserveridentity", "true");
        switch (endpoint.tls()) {
            case STARTTLS_REQUIRED -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
            }
            case STARTTLS -> {
                props.put(p + "starttls.enable", "true");
                // a login never crosses the network in clear text: without STARTTLS, refuse
                props.put(p + "starttls.required", Boolean.toString(endpoint.logsIn() && !isLoopback(endpoint)));
            }
            case TLS -> props.put(p + "ssl.enable", "true");
            case NONE -> {
                // plain: nothing to add
            }
        }
        if (endpoint.smtputf8()) {
            // Angus then adds SMTPUTF8 to MAIL FROM when the server offers it (RFC 6531)
            props.put("mail.mime.allowutf8", "true");
        }
        path.configureSockets(
                props,
                p,
                endpoint.timeout(),
                endpoint.tls() == Tls.TLS,
                endpoint.trust().map(TrustedCertificates::sockets));
        return props;
    }

    /**
     * Connects and logs in as for a send, without sending ({@code check --online}); the connection
     * stays open until {@link #close()}.
     *
     * @throws MailerUnavailableException when the login (or TLS, or the token) is refused
     * @throws ConnectionUnavailableException when the relay or the token endpoint cannot be reached
     */
    public void login() {
        connected();
    }

    @Override
    public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
        MimeMessage wire = new WireMessage(session, message);
        InternetAddress to = toAddress(message);
        for (int round = 0; ; round++) {
            if (transport != null && transport.closed()) {
                closeQuietly(); // closed on our side after the last message: its replies were out of step
            }
            boolean reused = transport != null;
            TrackedTransport connection = connected();
            if (message.envelope().smtputf8() && !connection.supportsExtension("SMTPUTF8")) {
                // RFC 6531 3.4: without SMTPUTF8 such an address cannot be delivered; the server
                // would answer the same (553 5.6.7), so it is not even tried
                return DeliveryResult.ofReply(
                        553,
                        "553 5.6.7 not sent: the relay does not offer SMTPUTF8, which " + message.recipient()
                                + " needs");
            }
            connection.begin(dataEnd);
            try {
                connection.send(wire, to);
                return DeliveryResult.ofReply(connection.lastCode(), connection.lastReply());
            } catch (MessagingException e) {
                if (isBroken(connection, e)) {
                    closeQuietly();
                    if (reused && round == 0 && closedWhileIdle(connection)) {
                        LOG.debug("the connection to {} was closed; sending again on a new one", endpoint);
                        continue;
                    }
                    return DeliveryResult.connectionFailed(brokenReason(connection, e));
                }
                return refused(connection, message);
            } catch (RuntimeException e) {
                closeQuietly();
                throw e;
            }
        }
    }

    /**
     * No reply at all, or a 421, to MAIL FROM on a reused connection: the server closed it while it
     * was idle, or ends connections after so many messages. Nothing of the message was sent.
     */
    private static boolean closedWhileIdle(TrackedTransport connection) {
        return (connection.lastCode() <= 0 || connection.lastCode() == 421)
                && connection.step() == TrackedTransport.Step.MAIL;
    }

    /**
     * No reply, a 421, an I/O error; or a reply that refuses nothing but is not the one the step
     * expects (a 250 to DATA): the server is out of step with the commands, and nothing was sent.
     * Taken as the answer, that 250 would have counted the message accepted.
     */
    private static boolean isBroken(TrackedTransport connection, MessagingException e) {
        return connection.lastCode() < 400 || connection.lastCode() == 421 || causedByIo(e);
    }

    private static String brokenReason(TrackedTransport connection, MessagingException e) {
        String when = connection.step() == TrackedTransport.Step.DOT
                ? "after the final dot (the server may have the message)"
                : "before the final dot (" + connection.step().name().toLowerCase(java.util.Locale.ROOT) + ")";
        String what = connection.lastCode() == 421 ? connection.lastReply() : describe(e);
        return what + ", " + when;
    }

    private DeliveryResult refused(TrackedTransport connection, OutgoingMessage message) {
        int code = connection.lastCode();
        String reply = connection.lastReply();
        DeliveryResult result = DeliveryResult.ofReply(code, reply);
        TrackedTransport.Step step = connection.step();
        if (step != TrackedTransport.Step.DOT && !connection.resetSent()) {
            reset(connection);
        }
        if (code >= 500) {
            switch (step) {
                case MAIL, IDLE -> throw new MailerUnavailableException("the server refused the sender: " + reply);
                case DATA -> throw new MailerUnavailableException("the server refused the DATA command: " + reply);
                case DOT -> {
                    String status = result.enhancedStatus();
                    if (!status.startsWith("5.1.") && !status.startsWith("5.2.")) {
                        throw new MailerUnavailableException(
                                "the server refused the message itself (" + reply + "); every recipient would get"
                                        + " the same answer",
                                null,
                                result);
                    }
                }
                default -> {
                    if (refusesUsNotTheRecipient(code, reply)) {
                        throw new MailerUnavailableException(
                                "the server refuses to take mail from us (" + reply + "); every recipient would get"
                                        + " the same answer",
                                null,
                                result);
                    }
                    // otherwise RCPT: this recipient only
                }
            }
        }
        LOG.debug("{} for {}: {}", result.outcome().label(), message.recipient(), reply);
        return result;
    }

    /**
     * A 5xx to RCPT that is about us, not the recipient: authentication required (530), or the
     * server will not relay for us. Taking it as the recipient's rejection would mark every
     * recipient of the list rejected for good.
     */
    static boolean refusesUsNotTheRecipient(int code, String reply) {
        String text = reply.toLowerCase(java.util.Locale.ROOT);
        return code == 530
                || text.contains("relay access denied")
                || text.contains("relaying denied")
                || text.contains("relay not permitted")
                || text.contains("not permitted to relay")
                || text.contains("authentication required");
    }

    /** {@code RSET} after a failed transaction; a connection that cannot even do that is closed. */
    private void reset(TrackedTransport connection) {
        try {
            if (connection.simpleCommand("RSET") != 250) {
                closeQuietly();
            }
        } catch (MessagingException e) {
            closeQuietly();
        }
    }

    private TrackedTransport connected() {
        if (transport == null) {
            transport = endpoint.xoauth2().isPresent()
                    ? loggedInWithToken(endpoint.xoauth2().get())
                    : opened();
        }
        return transport;
    }

    /**
     * A connection logged in with XOAUTH2. A refusal (535, 454) of a token that should still be
     * valid gets one new token and one more try on a new connection; a second refusal stops the run.
     */
    private TrackedTransport loggedInWithToken(TokenSource tokens) {
        AccessToken token = token(tokens, null);
        TrackedTransport first = opened();
        int code = xoauth2(first, token);
        if (code == 235) {
            return first;
        }
        String refusal = first.lastReply();
        failIfBroken(first, code);
        String why = loginRefused(first, tokens, "");
        close(first);
        if (code != 535 && code != 454) {
            throw new MailerUnavailableException(why);
        }
        LOG.warn(
                "the relay at {} refused {} for {} ({}); getting a new token and trying once more",
                endpoint,
                token,
                endpoint.username(),
                refusal);
        AccessToken renewed = token(tokens, token);
        TrackedTransport second = opened();
        int again = xoauth2(second, renewed);
        if (again == 235) {
            return second;
        }
        failIfBroken(second, again);
        why = loginRefused(second, tokens, ", also with a new token");
        close(second);
        throw new MailerUnavailableException(why);
    }

    /**
     * No reply (the relay hung up, as after a 334 some do) or a 421 to the login: a broken
     * connection, tried again later, not a refusal of the token.
     */
    private void failIfBroken(TrackedTransport connection, int code) {
        if (code <= 0 || code == 421) {
            String reply = connection.lastReply();
            close(connection);
            throw new ConnectionUnavailableException(
                    "the connection to " + endpoint + " broke during the XOAUTH2 login: "
                            + (reply.isEmpty() || reply.equals("[EOF]") ? "closed without a reply" : reply),
                    null);
        }
    }

    private AccessToken token(TokenSource tokens, AccessToken rejected) {
        try {
            return rejected == null ? tokens.token() : tokens.renew(rejected);
        } catch (TokenException e) {
            if (e.refused()) {
                throw new MailerUnavailableException(e.getMessage());
            }
            throw new ConnectionUnavailableException(e.getMessage(), e);
        }
    }

    /** Sends AUTH XOAUTH2 on {@code connection}; the reply code, or an exception for a broken connection. */
    private int xoauth2(TrackedTransport connection, AccessToken token) {
        if (!connection.offersXoauth2()) {
            close(connection);
            throw new MailerUnavailableException("the relay at " + endpoint
                    + " does not offer AUTH XOAUTH2 (its EHLO lists: AUTH "
                    + String.valueOf(connection.getExtensionParameter("AUTH")).strip()
                    + "); check smtp.host and smtp.port, or use smtp.auth: password");
        }
        try {
            return connection.xoauth2(endpoint.username(), token.value());
        } catch (MessagingException e) {
            close(connection);
            throw new ConnectionUnavailableException(
                    "the connection to " + endpoint + " broke during the login: " + describe(e), e);
        }
    }

    private String loginRefused(TrackedTransport connection, TokenSource tokens, String again) {
        String reply = connection.lastReply();
        String challenge = connection.challenge().isEmpty() ? "" : " (" + connection.challenge() + ")";
        return "the relay at " + endpoint + " refused the XOAUTH2 login for '" + endpoint.username() + "'" + again
                + ": " + reply + challenge + " — " + LoginAdvice.forRefusal(reply) + "; tokens came from the "
                + tokens.describe();
    }

    /** A new connection, logged in with the password when there is one (Angus does that part). */
    private TrackedTransport opened() {
        TrackedTransport fresh = new TrackedTransport(session, endpoint.tls() == Tls.TLS, path);
        try {
            if (endpoint.logsIn() && endpoint.xoauth2().isEmpty()) {
                fresh.connect(endpoint.username(), endpoint.password());
            } else {
                fresh.connect();
            }
            return fresh;
        } catch (AuthenticationFailedException e) {
            close(fresh);
            throw new MailerUnavailableException(
                    "the server at " + endpoint + " refused the login for user '" + endpoint.username() + "'"
                            + (fresh.lastCode() > 0 ? ": " + fresh.lastReply() : ""),
                    e);
        } catch (MessagingException e) {
            close(fresh);
            String why = describe(e);
            java.util.Optional<String> tls = TlsFailure.describe(endpoint, e, why);
            if (tls.isPresent()) {
                throw new MailerUnavailableException(tls.get(), e);
            }
            if (fresh.lastCode() >= 500) {
                throw new MailerUnavailableException(
                        "the server at " + endpoint + " refuses us: " + fresh.lastReply(), e);
            }
            String reply = fresh.lastCode() >= 400 ? fresh.lastReply() : why;
            throw new ConnectionUnavailableException("cannot connect to " + endpoint + ": " + reply, e);
        }
    }

    private static boolean isLoopback(SmtpEndpoint endpoint) {
        return SmtpSettings.isLoopback(endpoint.host());
    }

    private static InternetAddress toAddress(OutgoingMessage message) {
        try {
            return new InternetAddress(message.recipient().toString());
        } catch (MessagingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean causedByIo(Throwable e) {
        return Causes.has(e, IOException.class);
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while (Causes.next(cause) != null && !(cause instanceof IOException)) {
            cause = Causes.next(cause);
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.strip();
    }

    private void closeQuietly() {
        if (transport != null) {
            close(transport);
            transport = null;
        }
    }

    private void close(TrackedTransport connection) {
        try {
            connection.close();
        } catch (MessagingException | RuntimeException e) {
            LOG.debug("closing the connection to {} failed", endpoint, e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
