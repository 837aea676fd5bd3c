package dev.newsletter.delivery.smtp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one switch of this package: {@link #FAST} (the default) or {@link #PLAIN}, chosen by the
 * environment variable {@value #SWITCH}. {@code NEWSLETTER_PLAIN_SMTP=1} sends through stock Angus:
 * Angus' own sockets and write timeout, Angus' own DATA stream. Both paths put the same bytes on
 * the wire; the plain one is there to rule the optimisations out when something looks wrong.
 */
public enum SmtpPath {
    /** TCP_NODELAY sockets with the watchdog's write timeout, and {@link SmtpDataStream} for DATA. */
    FAST,
    /** Stock Angus: its sockets, {@code mail.smtp.writetimeout}, its {@code SMTPOutputStream}. */
    PLAIN;

    /** The environment variable that turns the optimisations off: {@code 1} or {@code true}. */
    public static final String SWITCH = "NEWSLETTER_PLAIN_SMTP";

    /** The path the process' environment asks for. */
    public static SmtpPath fromEnvironment() {
        return of(System.getenv());
    }

    /** {@link #PLAIN} when {@code env} sets {@value #SWITCH} to {@code 1} or {@code true}, else {@link #FAST}. */
    public static SmtpPath of(Map<String, String> env) {
        String value = env.getOrDefault(SWITCH, "").strip();
        return value.equals("1") || value.equalsIgnoreCase("true") ? PLAIN : FAST;
    }

    /**
     * Puts the socket settings of this path into Angus' session properties.
     *
     * @param prefix {@code mail.smtp.} or {@code mail.smtps.}
     * @param tlsOnConnect TLS from the first byte ({@code smtps})
     * @param trusted the SSL sockets for {@code smtp.trustCertificate}, when it is set
     */
    public void configureSockets(
            Properties props,
            String prefix,
            Duration timeout,
            boolean tlsOnConnect,
            Optional<SSLSocketFactory> trusted) {
        String millis = Long.toString(timeout.toMillis());
        if (this == PLAIN) {
            props.put(prefix + "writetimeout", millis);
            trusted.ifPresent(ssl -> props.put(prefix + "ssl.socketFactory", ssl));
            return;
        }
        // Our plain socket (TCP_NODELAY, the watchdog's write timeout) under every mode: STARTTLS
        // upgrades it in place; for TLS on connect Angus takes it from ssl.socketFactory and, as it
        // is no SSLSocketFactory, wraps it in the default SSL factory (certificate and host checked)
        NoDelaySocketFactory sockets = new NoDelaySocketFactory(timeout);
        if (trusted.isEmpty()) {
            props.put(prefix + (tlsOnConnect ? "ssl.socketFactory" : "socketFactory"), sockets);
        } else {
            // smtp.trustCertificate: TLS from our own SSL factory (system trust store, then the PEM's).
            // STARTTLS layers it over our plain socket; for TLS on connect Angus opens a plain socket
            // itself when the SSL factory is an SSLSocketFactory, so it keeps the write timeout there
            props.put(prefix + "socketFactory", sockets);
            props.put(prefix + "ssl.socketFactory", new NoDelaySslSocketFactory(trusted.get()));
            if (tlsOnConnect) {
                props.put(prefix + "writetimeout", millis);
            }
        }
    }
}
