package dev.newsletter.delivery;

import dev.newsletter.config.SmtpSettings.Tls;
import java.time.Duration;

/**
 * Where and how to connect: host, port, TLS mode, credentials (the password comes from the
 * environment, never from a file), the timeout used for connect, read and write, and whether
 * messages may carry UTF-8 addresses (RFC 6531 SMTPUTF8, when the server offers it).
 */
public record SmtpEndpoint(
        String host,
        int port,
        Tls tls,
        String username,
        String password,
        Duration timeout,
        String heloName,
        boolean smtputf8) {

    public SmtpEndpoint {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    /** A plain loopback endpoint without TLS or AUTH, as used for the embedded capture server. */
    public static SmtpEndpoint loopback(int port, Duration timeout, String heloName, boolean smtputf8) {
        return new SmtpEndpoint("127.0.0.1", port, Tls.NONE, "", "", timeout, heloName, smtputf8);
    }

    @Override
    public String toString() {
        // the setting as the config spells it (starttls-required), not the enum's name
        return host + ":" + port + " (tls "
                + tls.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + (username.isEmpty() ? "" : ", user " + username) + ")";
    }
}
