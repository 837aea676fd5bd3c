package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code inbox:} — the IMAP mailbox where bounces, complaints and mailed unsubscribes arrive, read by
 * {@code inbox scan} (without {@code --maildir}, {@code --mbox} or {@code --stdin}) and polled by the
 * daemon. Absent: nothing reads it. Secrets are named here (an environment variable, an {@code oauth}
 * section), never stored here.
 *
 * @param host the IMAP server
 * @param port its port; 993 for {@code tls}, 143 for {@code starttls-required}
 * @param tls {@code tls} (IMAPS, the default) or {@code starttls-required}; {@code none} only to this machine
 * @param username the mailbox to log in as
 * @param passwordEnv the environment variable holding its password ({@code auth: password})
 * @param folder the folder to read (default {@code INBOX})
 * @param doneFolder where a message goes once it is recorded as processed (default {@code Processed}; created
 *     if missing)
 * @param interval how often the daemon polls (default {@code 5m})
 * @param auth {@code password} (default) or {@code xoauth2}
 * @param oauth how to get the XOAUTH2 access token, as {@code smtp.oauth}
 * @param trustCertificate a PEM file of certificates trusted besides the system's, as {@code smtp.trustCertificate}
 * @param timeoutSeconds the connect, read and write timeout (default 30)
 */
public record InboxSettings(
        String host,
        Integer port,
        Tls tls,
        String username,
        String passwordEnv,
        String folder,
        String doneFolder,
        Duration interval,
        SmtpSettings.Auth auth,
        OAuthSettings oauth,
        String trustCertificate,
        Integer timeoutSeconds) {

    public static final String DEFAULT_PASSWORD_ENV = "NEWSLETTER_INBOX_PASSWORD";

    /** Microsoft 365's delegated IMAP permission; its SMTP one would be refused by the IMAP server. */
    static final String MICROSOFT_IMAP_SCOPE = "https://outlook.office365.com/IMAP.AccessAsUser.All offline_access";

    public InboxSettings {
        host = host == null ? "" : host.strip();
        tls = tls == null ? Tls.TLS : tls;
        port = port == null ? tls.defaultPort() : port;
        username = username == null ? "" : username;
        passwordEnv = passwordEnv == null ? DEFAULT_PASSWORD_ENV : passwordEnv;
        folder = folder == null || folder.isBlank() ? "INBOX" : folder;
        doneFolder = doneFolder == null || doneFolder.isBlank() ? "Processed" : doneFolder;
        interval = interval == null ? Duration.ofMinutes(5) : interval;
        auth = auth == null ? SmtpSettings.Auth.PASSWORD : auth;
        trustCertificate = trustCertificate == null ? "" : trustCertificate.strip();
        timeoutSeconds = timeoutSeconds == null ? 30 : timeoutSeconds;
    }

    /** The timeout for connecting, reading and writing. */
    public Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * The {@code oauth} section as the IMAP login needs it: for Microsoft 365 with a refresh token and
     * no scope written, the IMAP permission instead of the SMTP one that {@code smtp.oauth} asks for.
     */
    public OAuthSettings imapOAuth() {
        if (oauth == null
                || !oauth.scope().isEmpty()
                || oauth.provider() != OAuthSettings.Provider.MICROSOFT365
                || oauth.grant() != OAuthSettings.Grant.REFRESH_TOKEN) {
            return oauth;
        }
        return new OAuthSettings(
                oauth.provider(),
                oauth.tenant(),
                oauth.grant(),
                oauth.tokenUrl(),
                oauth.clientId(),
                oauth.clientSecretEnv(),
                oauth.refreshTokenEnv(),
                MICROSOFT_IMAP_SCOPE,
                oauth.serviceAccountKey());
    }

    /** {@code host:port (tls …, user …)}, for messages; never a secret. */
    public String describe() {
        String security = switch (tls) {
            case TLS -> "IMAPS";
            case STARTTLS_REQUIRED -> "STARTTLS";
            case NONE -> "no TLS";
        };
        return host + ":" + port + " (" + security + (username.isEmpty() ? "" : ", user " + username)
                + (auth == SmtpSettings.Auth.XOAUTH2 ? " with XOAUTH2" : "") + ")";
    }

    public enum Tls {
        /** IMAPS: TLS from the first byte (port 993). */
        @JsonProperty("tls")
        TLS(993, "tls"),
        /** Plain IMAP upgraded with STARTTLS, refusing a server that does not offer it (port 143). */
        @JsonProperty("starttls-required")
        STARTTLS_REQUIRED(143, "starttls-required"),
        /** No encryption at all: refused unless the server is this machine. */
        @JsonProperty("none")
        NONE(143, "none");

        private final int defaultPort;
        private final String label;

        Tls(int defaultPort, String label) {
            this.defaultPort = defaultPort;
            this.label = label;
        }

        int defaultPort() {
            return defaultPort;
        }

        public String label() {
            return label;
        }
    }
}
