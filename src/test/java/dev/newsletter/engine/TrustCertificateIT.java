package dev.newsletter.engine;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import dev.newsletter.testing.SampleProject;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * {@code smtp.trustCertificate}: a relay with a self-signed certificate (made here with keytool,
 * never added to the JVM's trust store) is trusted when its certificate is named in PEM, over
 * required STARTTLS and over TLS on connect; without it, or when the certificate is for another
 * name, the send stops with one line naming the host, what failed and the setting to use.
 */
class TrustCertificateIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private SampleProject project;
    private SMTPServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void sampleProject() {
        project = SampleProject.copyTo(dir.resolve("project"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private record Run(int code, String out, String err) {}

    private Run send() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context =
                new Context(new PrintWriter(out, true), new PrintWriter(err, true), ENV, Clock.systemUTC(), false);
        int code = Main.run(
                context,
                "send",
                project.issue().toString(),
                "--yes",
                "--config",
                project.config().toString());
        return new Run(code, out.toString(), err.toString());
    }

    /** A relay requiring STARTTLS with a certificate for {@code san}; the config points at it. */
    private void startTlsRelay(String san, String tls, String... keytoolArgs) throws Exception {
        SSLContext context = serverContext(san, keytoolArgs);
        SMTPServer.Builder builder = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .messageHandler((c, from, to, data) -> received.add(to));
        if (tls.equals("tls")) {
            builder.serverSocketFactory(context);
        } else {
            builder.requireTLS().startTlsSocketFactory(context);
        }
        server = builder.build();
        server.start();
        project.useRelay(server.getPortAllocated());
        project.replace("config/newsletter.yaml", "tls: none", "tls: " + tls);
    }

    private void trust(String pem) {
        project.replace(
                "config/newsletter.yaml", "  connections: 4\n", "  connections: 2\n  trustCertificate: " + pem + "\n");
    }

    @Test
    void aSelfSignedRelayNamedInTrustCertificateIsTrustedOverRequiredStartTls() throws Exception {
        startTlsRelay("ip:127.0.0.1", "starttls-required");
        Files.copy(dir.resolve("relay.pem"), project.resolve("config/relay-ca.pem"));
        trust("config/relay-ca.pem");

        Run run = send();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(received).hasSize(5);
    }

    @Test
    void trustCertificateWorksForTlsOnConnectToo() throws Exception {
        startTlsRelay("ip:127.0.0.1", "tls");
        trust(dir.resolve("relay.pem").toString());

        Run run = send();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(received).hasSize(5);
    }

    @Test
    void withoutItTheSendStopsWithOneLineSayingUntrustedAndTheSettingToUse() throws Exception {
        startTlsRelay("ip:127.0.0.1", "starttls-required");

        Run run = send();

        assertThat(run.code()).isEqualTo(1);
        assertThat(received).isEmpty();
        assertThat(errorLines(run))
                .singleElement()
                .asString()
                .contains("TLS with 127.0.0.1:" + server.getPortAllocated() + " failed")
                .contains("untrusted certificate")
                .contains("smtp.trustCertificate");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aCertificateForAnotherNameIsAHostNameMismatchEvenWhenTrusted() throws Exception {
        startTlsRelay("dns:relay.example.org", "starttls-required");
        trust(dir.resolve("relay.pem").toString());

        Run run = send();

        assertThat(run.code()).isEqualTo(1);
        assertThat(received).isEmpty();
        assertThat(errorLines(run))
                .singleElement()
                .asString()
                .contains("host name mismatch")
                .contains("smtp.host");
    }

    @Test
    void aTrustCertificateThatIsNoPemIsRefusedUpFrontNamingTheFile() throws Exception {
        startTlsRelay("ip:127.0.0.1", "starttls-required");
        project.write("config/relay-ca.pem", "not a certificate\n");
        trust("config/relay-ca.pem");

        Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("smtp.trustCertificate")
                .contains("relay-ca.pem")
                .contains("PEM");
        assertThat(received).isEmpty();
    }

    @Test
    void anExpiredSelfSignedCertificateIsRefusedEvenWhenNamedInTrustCertificate() throws Exception {
        startTlsRelay("ip:127.0.0.1", "starttls-required", "-startdate", "-10d");
        trust(dir.resolve("relay.pem").toString());

        Run run = send();

        assertThat(run.code()).as(run.err()).isEqualTo(1);
        assertThat(received).isEmpty();
        assertThat(errorLines(run)).singleElement().asString().contains("expired");
    }

    @Test
    void aPemWithTextAroundTheCertificateIsRead() throws Exception {
        startTlsRelay("ip:127.0.0.1", "starttls-required");
        project.write(
                "config/relay-ca.pem",
                "subject=CN = relay\nissuer=CN = relay\n\n" + Files.readString(dir.resolve("relay.pem"))
                        + "\n# the relay's certificate, exported 2026-12-04\n");
        trust("config/relay-ca.pem");

        Run run = send();

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(received).hasSize(5);
    }

    @Test
    void anEmptyPemOrAPrivateKeyIsRefusedUpFrontNamingTheFile() throws Exception {
        project.replace("config/newsletter.yaml", "mode: capture", "mode: relay");
        trust("config/relay-ca.pem");
        for (String content : new String[] {
            "",
            "-----BEGIN PRIVATE KEY-----\nMIIBVAIBADANBgkqhkiG9w0BAQEFAASCAT4wggE6AgEAAkEA\n-----END PRIVATE KEY-----\n"
        }) {
            project.write("config/relay-ca.pem", content);

            Run run = send();

            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err())
                    .contains("smtp.trustCertificate")
                    .contains("relay-ca.pem")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aPasswordIsNeverSentInClearTextToAnotherMachine() {
        project.replace("config/newsletter.yaml", "mode: capture", "mode: relay");
        project.replace("config/newsletter.yaml", "tls: starttls-required", "tls: none");
        project.replace("config/newsletter.yaml", "username: \"\"", "username: editor");

        Run run = send();

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("newsletter.yaml")
                .contains("smtp.tls is none")
                .contains("clear text")
                .contains("smtp.example.org");
    }

    private static List<String> errorLines(Run run) {
        return run.err().lines().filter(l -> l.startsWith("error:")).toList();
    }

    /** A key pair with a self-signed certificate for {@code san}; its PEM in {@code relay.pem}. */
    private SSLContext serverContext(String san, String... extra) throws Exception {
        Path keystore = dir.resolve("relay.p12");
        List<String> genkey = new java.util.ArrayList<>(List.of(extra));
        genkey.addAll(
                0,
                List.of(
                        "-genkeypair",
                        "-alias",
                        "relay",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=relay",
                        "-ext",
                        "SAN=" + san,
                        "-keystore",
                        keystore.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD));
        keytool(genkey.toArray(new String[0]));
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "relay",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-file",
                dir.resolve("relay.pem").toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
