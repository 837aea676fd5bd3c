package dev.newsletter.delivery;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What went wrong in a TLS connection to the relay, in one line: the host, which check failed
 * (untrusted certificate, host name mismatch, expired certificate, the handshake itself, STARTTLS not
 * offered) and the setting that changes it. The JDK's own text ("PKIX path building failed") is
 * kept at the end, for searching.
 */
final class TlsFailure {
    private TlsFailure() {}

    /** The line for a failure, or empty when {@code e} is not about TLS. */
    static Optional<String> describe(SmtpEndpoint endpoint, Throwable e, String message) {
        String where = endpoint.host() + ":" + endpoint.port();
        String trustSetting = endpoint.trust()
                .map(t -> "neither the system's trust store nor smtp.trustCertificate (" + t.file() + ") trusts it")
                .orElse("if the relay uses a private CA or a self-signed certificate, name that certificate (PEM)"
                        + " in smtp.trustCertificate");
        if (message.contains("STARTTLS") && !Causes.has(e, SSLException.class)) {
            return Optional.of("TLS with " + where + " failed: the relay does not offer STARTTLS (" + message
                    + "); use smtp.tls: tls if it takes TLS on connect (usually port 465)");
        }
        if (!Causes.has(e, SSLException.class)) {
            return Optional.empty();
        }
        if (Causes.has(e, CertificateExpiredException.class) || Causes.has(e, CertificateNotYetValidException.class)) {
            return Optional.of("TLS with " + where + " failed: the relay's certificate is expired or not yet valid;"
                    + " the relay's administrator must renew it (" + message + ")");
        }
        if (isNameMismatch(e)) {
            return Optional.of("TLS with " + where + " failed: host name mismatch, the relay's certificate is not for '"
                    + endpoint.host() + "'; set smtp.host to a name the certificate carries (" + message + ")");
        }
        if (Causes.has(e, CertPathBuilderException.class)
                || Causes.has(e, CertPathValidatorException.class)
                || message.contains("PKIX path")
                || message.contains("certification path")) {
            return Optional.of(
                    "TLS with " + where + " failed: untrusted certificate, " + trustSetting + " (" + message + ")");
        }
        return Optional.of("TLS with " + where + " failed in the handshake (" + message + "); check smtp.tls and"
                + " smtp.port: starttls-required for 587, tls for 465");
    }

    static boolean isNameMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("no subject alternative")
                    || text.contains("no name matching")
                    || text.contains("server identity does not match")) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isNameMismatch(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
