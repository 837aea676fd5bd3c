package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.mailing.MailingReport;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * STARTTLS through our plain-socket factory (TCP_NODELAY, write watchdog): the connection is
 * upgraded in place, the certificate and the host name (an IP SAN for 127.0.0.1) are verified, and
 * the server, which requires TLS, accepts every message.
 */
class StartTlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path keys;

    private static SSLContext serverContext;

    @TempDir
    Path dir;

    @Test
    void sendsOverRequiredStartTlsWithTheCertificateVerified() throws Exception {
        SSLContext serverContext = serverContext();
        List<String> received = new CopyOnWriteArrayList<>();
        SMTPServer server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .requireTLS()
                .startTlsSocketFactory(serverContext)
                .messageHandler((context, from, to, data) -> received.add(to))
                .build();
        server.start();
        try {
            List<String> recipients = EngineRun.recipients(3);
            MailingReport report =
                    new EngineRun(dir).tls(Tls.STARTTLS_REQUIRED).send(server.getPortAllocated(), recipients);

            assertThat(report.stoppedBecause()).isEmpty();
            assertThat(report.accepted()).isEqualTo(3);
            assertThat(received).containsExactlyInAnyOrderElementsOf(recipients);
        } finally {
            server.stop();
        }
    }

    /**
     * TLS from the first byte (port 465 style): Angus wraps our plain socket (TCP_NODELAY, the
     * watchdog's write timeout) in TLS, verifies the certificate, and every message goes through.
     */
    @Test
    void sendsOverImplicitTlsOnOurSocketWithTheCertificateVerified() throws Exception {
        SSLContext serverContext = serverContext();
        List<String> created = new CopyOnWriteArrayList<>();
        Logger socketLog = Logger.getLogger("org.eclipse.angus.mail.util.socket");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                created.add(String.valueOf(record.getMessage()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level level = socketLog.getLevel();
        socketLog.setLevel(Level.FINEST);
        socketLog.addHandler(handler);
        List<String> received = new CopyOnWriteArrayList<>();
        SMTPServer server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .serverSocketFactory(serverContext)
                .messageHandler((context, from, to, data) -> received.add(to))
                .build();
        server.start();
        try {
            List<String> recipients = EngineRun.recipients(3);
            MailingReport report = new EngineRun(dir).tls(Tls.TLS).send(server.getPortAllocated(), recipients);

            assertThat(report.stoppedBecause()).isEmpty();
            assertThat(report.accepted()).isEqualTo(3);
            assertThat(received).containsExactlyInAnyOrderElementsOf(recipients);
            assertThat(created)
                    .as("Angus' socket log: the socket came from our factory, then TLS on top")
                    .anyMatch(line -> line.contains("create socket") && line.contains("NoDelaySocketFactory"));
        } finally {
            server.stop();
            socketLog.removeHandler(handler);
            socketLog.setLevel(level);
        }
    }

    /**
     * A key pair for 127.0.0.1 and localhost that this JVM trusts as a client; its server side. Made
     * once: the JVM's default SSL context reads the trust store only the first time.
     */
    private static synchronized SSLContext serverContext() throws Exception {
        if (serverContext != null) {
            return serverContext;
        }
        Path keystore = keys.resolve("server.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "smtp",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=ip:127.0.0.1,dns:localhost",
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        // the client trusts the test certificate (the key entry's certificate counts as trusted)
        System.setProperty("javax.net.ssl.trustStore", keystore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        serverContext = context;
        return context;
    }
}
