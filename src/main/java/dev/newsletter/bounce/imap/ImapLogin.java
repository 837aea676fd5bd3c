package dev.newsletter.bounce.imap;

import dev.newsletter.bounce.MailboxUnavailableException;
import dev.newsletter.config.InboxSettings;
import dev.newsletter.oauth.AccessToken;
import dev.newsletter.oauth.TokenException;
import dev.newsletter.oauth.TokenSource;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * How to log in to the {@code inbox:} mailbox: its settings, and either the password (from the
 * environment) or XOAUTH2 tokens. A refused XOAUTH2 token gets one new token and one more try, as the
 * relay login does. Every failure is one line naming the server and what to change; the password and
 * tokens are never in it ({@link #toString()} hides them too).
 */
public final class ImapLogin {
    private final InboxSettings settings;
    private final String password;
    private final Optional<TokenSource> tokens;
    private final Optional<SSLSocketFactory> trust;

    private ImapLogin(
            InboxSettings settings, String password, Optional<TokenSource> tokens, Optional<SSLSocketFactory> trust) {
        this.settings = settings;
        this.password = password;
        this.tokens = tokens;
        this.trust = trust;
    }

    /** Logs in with {@code password}; {@code trust}: TLS sockets trusting {@code inbox.trustCertificate} too. */
    public static ImapLogin withPassword(InboxSettings settings, String password, Optional<SSLSocketFactory> trust) {
        return new ImapLogin(settings, password, Optional.empty(), trust);
    }

    /** Logs in with XOAUTH2 and access tokens from {@code tokens}. */
    public static ImapLogin withXoauth2(InboxSettings settings, TokenSource tokens, Optional<SSLSocketFactory> trust) {
        return new ImapLogin(settings, "", Optional.of(tokens), trust);
    }

    InboxSettings settings() {
        return settings;
    }

    /** A connected, logged-in store. */
    IMAPStore connect() {
        Session session = Session.getInstance(ImapSessions.properties(settings, tokens.isPresent(), trust));
        try {
            IMAPStore store = (IMAPStore) session.getStore(ImapSessions.protocol(settings));
            if (tokens.isEmpty()) {
                connect(store, password);
                return store;
            }
            AccessToken token = token(null);
            try {
                connect(store, token.value());
                return store;
            } catch (AuthenticationFailedException refused) {
                // revoked, or the clocks disagree: one new token, one more try
                connect(store, token(token).value());
                return store;
            }
        } catch (AuthenticationFailedException e) {
            throw unavailable(
                    "the server refused the login for " + settings.username() + " ("
                            + ImapMailbox.reason(e) + "); check inbox.username and "
                            + (tokens.isPresent() ? "inbox.oauth" : "the password in " + settings.passwordEnv()),
                    e);
        } catch (MessagingException e) {
            throw unavailable(connectionTrouble(e), e);
        }
    }

    private void connect(IMAPStore store, String secret) throws MessagingException {
        store.connect(settings.host(), settings.port(), settings.username(), secret);
    }

    private AccessToken token(AccessToken rejected) {
        try {
            return rejected == null
                    ? tokens.orElseThrow().token()
                    : tokens.orElseThrow().renew(rejected);
        } catch (TokenException e) {
            throw unavailable("no access token for the login: " + e.getMessage(), e);
        }
    }

    private String connectionTrouble(MessagingException e) {
        if (has(e, UnknownHostException.class)) {
            return "unknown host '" + settings.host() + "'; check inbox.host";
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return "cannot connect (" + ImapMailbox.reason(e) + "); check inbox.host and inbox.port";
        }
        if (has(e, SocketTimeoutException.class)) {
            return "no answer within " + settings.timeoutSeconds() + "s; check inbox.host and inbox.port";
        }
        if (has(e, CertificateException.class) || has(e, SSLException.class)) {
            String text = ImapMailbox.reason(e);
            String hint = text.toLowerCase(java.util.Locale.ROOT).contains("subject alternative")
                            || text.toLowerCase(java.util.Locale.ROOT).contains("no name matching")
                    ? "host name mismatch: the certificate is not for '" + settings.host() + "'; set inbox.host to a"
                            + " name it carries"
                    : "if the server uses a private CA or a self-signed certificate, name that certificate (PEM) in"
                            + " inbox.trustCertificate; check inbox.tls and inbox.port (tls: 993, starttls-required: 143)";
            return "TLS failed (" + text + "); " + hint;
        }
        String text = ImapMailbox.reason(e);
        if (text.toUpperCase(java.util.Locale.ROOT).contains("STARTTLS")) {
            return "the server does not offer STARTTLS (" + text + "); use inbox.tls: tls if it takes TLS on connect"
                    + " (port 993)";
        }
        return "cannot log in (" + text + ")";
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A failure of the mailbox as a whole, naming it. */
    MailboxUnavailableException unavailable(String what, Throwable cause) {
        return new MailboxUnavailableException("inbox " + settings.describe() + ": " + what, cause);
    }

    @Override
    public String toString() {
        return "IMAP login " + settings.describe();
    }
}
