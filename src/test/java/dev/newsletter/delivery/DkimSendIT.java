package dev.newsletter.delivery;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.newsletter.testing.SampleProject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code dkim keygen}, then {@code send} through the embedded SMTP server, then the
 * captured messages checked by independent verifiers against the DNS record keygen printed: Apache
 * jDKIM (RSA) always, Debian's python3-dkim (RSA and Ed25519) when {@code /usr/bin/python3} has it
 * ({@code apt-get install python3-dkim python3-nacl}).
 */
class DkimSendIT {
    private static final Pattern RECORD = Pattern.compile("value: (v=DKIM1; k=\\w+; p=\\S+)");

    @TempDir
    Path temp;

    @Test
    void messagesCapturedFromSendVerifyWithJdkimAndFailOnceAHeaderIsAdded() throws Exception {
        SampleProject project = SampleProject.copyTo(temp);
        String record = keygenAndConfigure(project, "rsa");

        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        List<Path> captured = captured(project);
        assertThat(captured).hasSize(5);
        for (Path eml : captured) {
            byte[] message = Files.readAllBytes(eml);
            assertThat(jdkim(message, record)).as(eml.toString()).isTrue();
            String text = new String(message, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            byte[] tampered = (text.substring(0, end)
                            + "\r\nList-Unsubscribe: <https://evil.example.com/u>"
                            + text.substring(end))
                    .getBytes(StandardCharsets.ISO_8859_1);
            assertThat(jdkim(tampered, record)).as("added header in " + eml).isFalse();
        }
    }

    @Test
    void theEmlThatRenderWritesIsSignedToo() throws Exception {
        SampleProject project = SampleProject.copyTo(temp);
        String record = keygenAndConfigure(project, "rsa");
        Path out = temp.resolve("preview");

        SampleProject.Run render = project.run(
                ENV, "render", project.resolve("issues/2024-fall.yaml").toString(), "--out", out.toString());

        assertThat(render.code()).as(render.err()).isZero();
        Path eml = out.resolve("2024-fall-ana.lima@example.org.eml");
        assertThat(jdkim(Files.readAllBytes(eml), record)).isTrue();
    }

    @Test
    void rsaAndEd25519SignaturesVerifyWithPythonDkim() throws Exception {
        assumeTrue(pythonDkim(), "/usr/bin/python3 with dkim and nacl (python3-dkim, python3-nacl) not installed");
        for (String algorithm : new String[] {"rsa", "ed25519"}) {
            Path dir = Files.createDirectories(temp.resolve(algorithm));
            SampleProject project = SampleProject.copyTo(dir);
            String record = keygenAndConfigure(project, algorithm);

            SampleProject.Run send = project.run(
                    ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

            assertThat(send.code()).as(send.err()).isZero();
            for (Path eml : captured(project)) {
                assertThat(python(eml, record)).as(algorithm + " " + eml).isEqualTo("pass");
                Path tampered = dir.resolve("tampered.eml");
                String text = Files.readString(eml, StandardCharsets.ISO_8859_1);
                Files.writeString(tampered, "From: Evil <evil@example.com>\r\n" + text, StandardCharsets.ISO_8859_1);
                assertThat(python(tampered, record))
                        .as(algorithm + " tampered " + eml)
                        .isEqualTo("fail");
            }
        }
    }

    private static String keygenAndConfigure(SampleProject project, String algorithm) {
        SampleProject.Run keygen =
                project.run(Map.of(), "dkim", "keygen", "--selector", "packet", "--algorithm", algorithm);
        assertThat(keygen.code()).as(keygen.err()).isZero();
        Matcher matcher = RECORD.matcher(keygen.out());
        assertThat(matcher.find()).as(keygen.out()).isTrue();
        assertThat(project.resolve("config/dkim-packet.pem")).exists();
        project.append(
                "config/newsletter.yaml",
                "\ndkim:\n  domain: pdl.example.org\n  selector: packet\n  privateKey: config/dkim-packet.pem\n");
        return matcher.group(1);
    }

    private static List<Path> captured(SampleProject project) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("outbox/2024-fall"))) {
            return files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
    }

    private static boolean jdkim(byte[] message, String record) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> List.of(record));
        try {
            List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
            return valid != null && !valid.isEmpty();
        } catch (FailException e) {
            return false;
        }
    }

    private static boolean pythonDkim() {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import dkim, nacl")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String python(Path eml, String record) throws Exception {
        String script = String.join(
                "\n",
                "import sys, dkim",
                "msg = open(sys.argv[1], 'rb').read()",
                "record = sys.argv[2].encode()",
                "ok = dkim.verify(msg, dnsfunc=lambda name, timeout=5: record)",
                "print('pass' if ok else 'fail')");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, eml.toString(), record)
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
