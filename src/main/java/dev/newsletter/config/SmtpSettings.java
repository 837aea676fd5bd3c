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
        Boolean smtputf8) {

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
    }

    public static SmtpSettings defaults() {
        return new SmtpSettings(null, null, null, null, null, null, null, null, null);
    }

    public boolean authenticates() {
        return !username.isEmpty();
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
