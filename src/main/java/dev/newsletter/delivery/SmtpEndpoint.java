package dev.newsletter.delivery;

import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.oauth.TokenSource;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how to connect: host, port, TLS mode, credentials (the password comes from the
 * environment, never from a file; with XOAUTH2, access tokens come from {@link #xoauth2()}), the
 * timeout used for connect, read and write, whether messages may carry UTF-8 addresses (RFC 6531
 * SMTPUTF8, when the server offers it), and certificates trusted besides the system's.
 */
public record SmtpEndpoint(
        String host,
        int port,
        Tls tls,
        String username,
        String password,
        Duration timeout,
        String heloName,
        boolean smtputf8,
        Optional<TokenSource> xoauth2,
        Optional<TrustedCertificates> trust) {

    public SmtpEndpoint {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        xoauth2 = xoauth2 == null ? Optional.empty() : xoauth2;
        trust = trust == null ? Optional.empty() : trust;
    }

    /** {@code host:port} without a login, trusting the system's trust store. */
    public static SmtpEndpoint of(String host, int port, Tls tls, Duration timeout, String heloName, boolean smtputf8) {
        return new SmtpEndpoint(
                host, port, tls, "", "", timeout, heloName, smtputf8, Optional.empty(), Optional.empty());
    }

    /** A plain loopback endpoint without TLS or AUTH, as used for the embedded capture server. */
    public static SmtpEndpoint loopback(int port, Duration timeout, String heloName, boolean smtputf8) {
        return of("127.0.0.1", port, Tls.NONE, timeout, heloName, smtputf8);
    }

    /** The same endpoint, logging in as {@code username} with {@code password} (none: an empty user name). */
    public SmtpEndpoint withPassword(String username, String password) {
        return new SmtpEndpoint(host, port, tls, username, password, timeout, heloName, smtputf8, xoauth2, trust);
    }

    /** The same endpoint, logging in as its {@code username} with XOAUTH2 and tokens from {@code tokens}. */
    public SmtpEndpoint withXoauth2(TokenSource tokens) {
        return new SmtpEndpoint(host, port, tls, username, "", timeout, heloName, smtputf8, Optional.of(tokens), trust);
    }

    /** The same endpoint, trusting {@code certificates} besides the system's trust store. */
    public SmtpEndpoint trusting(TrustedCertificates certificates) {
        return new SmtpEndpoint(
                host, port, tls, username, password, timeout, heloName, smtputf8, xoauth2, Optional.of(certificates));
    }

    /** Whether a login is sent at all. */
    public boolean logsIn() {
        return !username.isEmpty();
    }

    @Override
    public String toString() {
        // the setting as the config spells it (starttls-required), not the enum's name
        return host + ":" + port + " (tls "
                + tls.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (username.isEmpty() ? "" : ", user " + username + (xoauth2.isPresent() ? " with XOAUTH2" : ""))
                + ")";
    }
}
