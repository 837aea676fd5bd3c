package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.ReturnMail;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inbox.tls: tls} (IMAPS) against GreenMail serving a self-signed certificate for 127.0.0.1
 * made here with keytool (never added to the JVM's trust store): read when the certificate is named
 * in {@code inbox.trustCertificate}, refused in one line naming that setting when it is not. The
 * server's certificate is always checked.
 *
 * <p>GreenMail reads its TLS key store once per JVM, from the system properties set in {@link
 * #imapsServer}; no other test starts a TLS server of GreenMail's.
 */
class ImapsInboxIT {
    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path keys;

    static GreenMail imaps;
    static GreenMailUser user;

    @TempDir
    Path dir;

    SampleProject project;

    @BeforeAll
    static void imapsServer() throws Exception {
        Path keystore = keys.resolve("imap.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "imap",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=imap",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "imap",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                "-file",
                keys.resolve("imap.pem").toString());
        System.setProperty("greenmail.tls.keystore.file", keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
        imaps = new GreenMail(ServerSetupTest.IMAPS.dynamicPort());
        imaps.start();
        user = imaps.setUser("bounces@pdl.example.org", "bounces", ReturnMail.PASSWORD);
    }

    @AfterAll
    static void stop() {
        imaps.stop();
    }

    @BeforeEach
    void aHardBounceInTheMailbox() throws Exception {
        imaps.purgeEmailFromAllMailboxes();
        project = SampleProject.copyTo(dir.resolve("project"));
        Map<String, String> ids = ReturnMail.journalTheFallIssue(project);
        ReturnMail.deliver(user, ReturnMail.hardBounce(ids.get("ana.lima@example.org"), "ana.lima@example.org"));
    }

    private SampleProject.Run scan(String trust, String... options) {
        project.append(
                "config/newsletter.yaml",
                ReturnMail.inboxSection(
                        imaps.getImaps().getPort(),
                        "tls",
                        trust.isEmpty() ? "" : "  trustCertificate: " + trust + "\n"));
        List<String> args = new ArrayList<>(List.of("inbox", "scan"));
        args.addAll(List.of(options));
        return project.run(ReturnMail.env(), args.toArray(String[]::new));
    }

    @Test
    void imapsWithTheServersCertificateNamedInTrustCertificateIsReadAndApplied() throws Exception {
        Files.copy(keys.resolve("imap.pem"), project.resolve("config/imap.pem"));

        SampleProject.Run run = scan("config/imap.pem", "--apply", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"source\":\"imap:").contains("\"kind\":\"hard-bounce\"");
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,bounced,");
        assertThat(imaps.getManagers()
                        .getImapHostManager()
                        .getFolder(user, "Done")
                        .getMessageCount())
                .isEqualTo(1);
    }

    @Test
    void anUntrustedCertificateIsRefusedInOneLineNamingTrustCertificate() {
        SampleProject.Run run = scan("");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")))
                .singleElement()
                .asString()
                .contains("127.0.0.1:" + imaps.getImaps().getPort())
                .contains("TLS failed")
                .contains("inbox.trustCertificate");
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain(ReturnMail.PASSWORD);
        assertThat(project.read(SampleProject.LIST_FILE)).contains("ana.lima@example.org,Ana Lima,active,");
    }

    @Test
    void aTrustCertificateThatIsNoPemIsRefusedUpFrontNamingTheSetting() {
        project.write("config/imap.pem", "not a certificate\n");

        SampleProject.Run run = scan("config/imap.pem");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("inbox.trustCertificate")
                .contains("imap.pem")
                .doesNotContain("\tat ");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
