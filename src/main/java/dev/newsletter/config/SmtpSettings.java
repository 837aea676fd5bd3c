package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code smtp:} — where messages go. Secrets are named here, never stored here. */
public record SmtpSettings(
        Mode mode,
        String host,
        Integer port,
        Tls tls,
        String username,
        String passwordEnv,
        Integer connections,
        Integer timeoutSeconds,
        Boolean smtputf8,
        Auth auth,
        OAuthSettings oauth,
        String trustCertificate) {

    public SmtpSettings {
        mode = mode == null ? Mode.CAPTURE : mode;
        host = host == null ? "localhost" : host;
        tls = tls == null ? Tls.STARTTLS_REQUIRED : tls;
        port = port == null ? tls.defaultPort() : port;
        username = username == null ? "" : username;
        passwordEnv = passwordEnv == null ? "NEWSLETTER_SMTP_PASSWORD" : passwordEnv;
        connections = connections == null ? 4 : connections;
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
        smtputf8 = smtputf8 != null && smtputf8;
        auth = auth == null ? Auth.PASSWORD : auth;
        trustCertificate = trustCertificate == null ? "" : trustCertificate.strip();
    }

    public static SmtpSettings defaults() {
        return new SmtpSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    /** Whether the relay's host is this machine (a name or address that cannot leave it). */
    public boolean loopbackHost() {
        return isLoopback(host);
    }

    /**
     * Whether {@code host} names this machine: {@code localhost}, an address of 127.0.0.0/8 or
     * {@code ::1}, written as such. No DNS is asked, and no other name counts (not even one under
     * {@code .localhost}, nor {@code 127.x.example}): a resolver could answer anything for it.
     */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost")
                || h.equals("::1")
                || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}");
    }

    /** How the relay login proves who we are. */
    public enum Auth {
        /** {@code AUTH PLAIN/LOGIN} with the password from {@code passwordEnv}. */
        @JsonProperty("password")
        PASSWORD,
        /** {@code AUTH XOAUTH2} with an OAuth 2.0 access token got as {@code smtp.oauth} says. */
        @JsonProperty("xoauth2")
        XOAUTH2
    }

    public enum Mode {
        /** An in-process SMTP server on a free loopback port; messages land in {@code outbox/}. */
        @JsonProperty("capture")
        CAPTURE,
        /** A real SMTP relay at {@code host:port}. */
        @JsonProperty("relay")
        RELAY
    }

    public enum Tls {
        @JsonProperty("starttls-required")
        STARTTLS_REQUIRED(587),
        @JsonProperty("starttls")
        STARTTLS(587),
        @JsonProperty("tls")
        TLS(465),
        @JsonProperty("none")
        NONE(25);

        private final int defaultPort;

        Tls(int defaultPort) {
            this.defaultPort = defaultPort;
        }

        int defaultPort() {
            return defaultPort;
        }
    }
}
