package dev.newsletter.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code smtp.trustCertificate}: the certificates of a PEM file (a private CA, or a relay's
 * self-signed certificate) trusted in addition to the system's trust store. A server is trusted
 * when the system trusts it, else when the PEM's certificates do; the host name is checked either
 * way (Angus asks for endpoint identification on every TLS socket).
 */
public final class TrustedCertificates {
    private final Path file;
    private final SSLSocketFactory sockets;

    private TrustedCertificates(Path file, SSLSocketFactory sockets) {
        this.file = file;
        this.sockets = sockets;
    }

    /**
     * Reads the PEM file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static TrustedCertificates read(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            for (java.security.cert.Certificate c : read) {
                certificates.add((X509Certificate) c);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the certificate file (" + e.getMessage() + ")");
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException(
                    file + ": not a PEM certificate file (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(
                    file + ": no certificate in it (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            X509ExtendedTrustManager system = trustManager(null);
            X509ExtendedTrustManager extra = trustManager(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(system, extra)}, null);
            return new TrustedCertificates(file, context.getSocketFactory());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(file + ": cannot use these certificates (" + e.getMessage() + ")");
        }
    }

    public Path file() {
        return file;
    }

    /** TLS sockets that trust the system's authorities and this file's certificates. */
    public SSLSocketFactory sockets() {
        return sockets;
    }

    private static X509ExtendedTrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts a server when the first (the system's) or the second (the file's) trust manager does. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager first;
        private final X509ExtendedTrustManager second;

        EitherTrustManager(X509ExtendedTrustManager first, X509ExtendedTrustManager second) {
            this.first = first;
            this.second = second;
        }

        @FunctionalInterface
        private interface Check {
            void on(X509ExtendedTrustManager manager) throws CertificateException;
        }

        private void either(X509Certificate[] chain, Check check) throws CertificateException {
            try {
                check.on(first);
            } catch (CertificateException systemSaysNo) {
                try {
                    check.on(second);
                    // the JDK takes a certificate of the file as trusted without looking at its
                    // dates when the relay presents that very certificate (a pinned self-signed one)
                    checkDates(chain);
                } catch (CertificateException fileSaysNo) {
                    // a name mismatch or an expired certificate says more than "no trusted path": keep that
                    boolean telling = TlsFailure.isNameMismatch(fileSaysNo)
                            || fileSaysNo instanceof CertificateExpiredException
                            || fileSaysNo instanceof CertificateNotYetValidException;
                    CertificateException reported = telling ? fileSaysNo : systemSaysNo;
                    reported.addSuppressed(reported == fileSaysNo ? systemSaysNo : fileSaysNo);
                    throw reported;
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(chain, m -> m.checkServerTrusted(chain, authType));
        }

        private static void checkDates(X509Certificate[] chain) throws CertificateException {
            for (X509Certificate certificate : chain) {
                certificate.checkValidity();
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("no client certificates are trusted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("no client certificates are trusted here");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates are trusted here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(new X509Certificate[0]);
        }
    }
}
