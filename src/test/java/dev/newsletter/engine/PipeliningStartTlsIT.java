package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.delivery.TrustedCertificates;
import dev.newsletter.delivery.smtp.SmtpPath;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STARTTLS, then pipelining: nothing is pipelined before TLS (EHLO and STARTTLS go one at a time,
 * RFC 3207), what the server offered in clear text is forgotten, and bytes a server (or a man in
 * the middle) puts after its 220 to STARTTLS are never read as a reply: they would put every reply
 * after them one step late (the client-side cousin of CVE-2011-0411).
 */
class PipeliningStartTlsIT {
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void afterStartTlsTheGroupIsPipelinedInsideTlsAndBytesAfterThe220AreNeverAReply() throws Exception {
        SSLContext context = serverContext();
        List<String> clear = new CopyOnWriteArrayList<>();
        List<String> secure = new CopyOnWriteArrayList<>();
        List<String> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> {
                try (Socket plain = listener.accept()) {
                    serve(plain, context, clear, secure, accepted);
                } catch (IOException e) {
                    // the client went away
                }
            });
            server.setDaemon(true);
            server.start();
            SmtpEndpoint endpoint = SmtpEndpoint.of(
                            "127.0.0.1",
                            listener.getLocalPort(),
                            Tls.STARTTLS_REQUIRED,
                            Duration.ofSeconds(20),
                            "sender.example.org",
                            false)
                    .trusting(TrustedCertificates.read(dir.resolve("relay.pem")));
            try (Mailer mailer = new SmtpMailer(endpoint, SmtpPath.FAST)) {
                for (String to : List.of("ann@example.org", "bob@example.org")) {
                    DeliveryResult result = mailer.send(new MessageFactory().build(letter(to)));
                    assertThat(result.outcome()).as(result.reply()).isEqualTo(Outcome.ACCEPTED);
                }
            }
        }

        assertThat(clear).containsExactly("EHLO sender.example.org", "STARTTLS");
        assertThat(secure)
                .startsWith(
                        "EHLO sender.example.org",
                        "MAIL FROM:<news@sender.example.org> | RCPT TO:<ann@example.org> | DATA");
        assertThat(accepted).containsExactly("ann@example.org", "bob@example.org");
    }

    /**
     * Clear text: EHLO (offering PIPELINING, so a client that trusted it too early would show it),
     * STARTTLS answered with 220 and, in the same write, an injected EHLO reply; then TLS and a
     * plain SMTP loop that records which commands came in one read.
     */
    private static void serve(
            Socket plain, SSLContext context, List<String> clear, List<String> secure, List<String> accepted)
            throws IOException {
        InputStream in = plain.getInputStream();
        OutputStream out = plain.getOutputStream();
        send(out, "220 raw.localhost ESMTP");
        String line;
        while ((line = readLine(in)) != null) {
            clear.add(line);
            if (line.startsWith("EHLO")) {
                send(out, "250-raw.localhost\r\n250-PIPELINING\r\n250 STARTTLS");
            } else if (line.equals("STARTTLS")) {
                send(out, "220 2.0.0 Ready to start TLS\r\n250-injected.example\r\n250 PIPELINING");
                break;
            } else {
                send(out, "530 5.7.0 Must issue a STARTTLS command first");
            }
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", plain.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        InputStream secureIn = tls.getInputStream();
        OutputStream secureOut = tls.getOutputStream();
        BatchReader reader = new BatchReader(secureIn);
        String recipient = null;
        while ((line = reader.next()) != null) {
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                send(secureOut, "250-raw.localhost\r\n250 PIPELINING");
            } else if (upper.startsWith("MAIL FROM")) {
                send(secureOut, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO")) {
                recipient = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                send(secureOut, "250 2.1.5 Ok");
            } else if (upper.equals("DATA")) {
                send(secureOut, "354 go ahead");
                while (!".".equals(line = reader.data())) {
                    if (line == null) {
                        return;
                    }
                }
                accepted.add(recipient);
                send(secureOut, "250 2.0.0 Ok: queued");
            } else if (upper.equals("QUIT")) {
                send(secureOut, "221 2.0.0 Bye");
                break;
            } else {
                send(secureOut, "502 5.5.2 not implemented");
            }
            reader.endBatchIfDrained(secure);
        }
        reader.endBatchIfDrained(secure);
    }

    /** Lines from a stream, and which came in the same read (commands only). */
    private static final class BatchReader {
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int start;
        private int end;
        private final List<String> batch = new ArrayList<>();

        BatchReader(InputStream in) {
            this.in = in;
        }

        String next() throws IOException {
            String line = data();
            if (line != null) {
                batch.add(line);
            }
            return line;
        }

        String data() throws IOException {
            while (true) {
                for (int i = start; i < end; i++) {
                    if (buffer[i] == '\n') {
                        int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                        String line = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
                        start = i + 1;
                        return line;
                    }
                }
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    return null;
                }
                end += n;
            }
        }

        void endBatchIfDrained(List<String> batches) {
            if (start == end && !batch.isEmpty()) {
                batches.add(String.join(" | ", batch));
                batch.clear();
            }
        }
    }

    /** One line from the raw stream, a byte at a time so that nothing after it is consumed. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
        }
        return null;
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static Letter letter(String to) {
        return new Letter(
                Mailbox.parse("The Packet <news@sender.example.org>"),
                Optional.empty(),
                new Mailbox("", EmailAddress.parse(to)),
                new Letter.Content("Fall", "<p>Hello</p>\n", "Hello\n"),
                "<fall." + to.hashCode() + "@sender.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <list.sender.example.org>",
                URI.create("https://sender.example.org/unsubscribe?t=x"),
                Optional.empty());
    }

    /** A self-signed certificate for 127.0.0.1 (its PEM in relay.pem, for the client to trust). */
    private SSLContext serverContext() throws Exception {
        Path keystore = dir.resolve("relay.p12");
        keytool(
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
                "SAN=ip:127.0.0.1",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD);
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
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
