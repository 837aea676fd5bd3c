package dev.newsletter.delivery;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender named with 10,000 characters, a subscriber with a name of 200 characters and no space in
 * it (the longest a list may hold) and one named like an encoded word, sent end to end (through a
 * real SMTP server, and through capture mode into {@code .eml} files): every line of every message is
 * at most 998 characters, every header line (but a List-Unsubscribe URL) at most 78, and the names
 * read back exactly as written.
 */
class LongNameIT {
    private static final String LONG = "N".repeat(10_000);
    private static final String LONGEST_LISTED = "L".repeat(200);
    private static final String LOOKS_ENCODED = "=?utf-8?q?Your_Bank?=";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path temp;

    private SampleProject project;

    @BeforeEach
    void projectWithTheNames() throws Exception {
        project = SampleProject.copyTo(temp);
        project.write(
                "config/newsletter.yaml",
                Files.readString(project.resolve("config/newsletter.yaml"))
                        .replace("from: \"The PDL Packet <", "from: \"" + LONG + " <"));
        project.append(
                "subscribers/pdl-packet.csv",
                "long.name@example.org," + LONGEST_LISTED + ",active,2024-10-01T00:00:00Z,,\n" + "bank@example.org,"
                        + LOOKS_ENCODED + ",active,2024-10-01T00:00:00Z,,\n");
    }

    @Test
    void throughARealSmtpServerEveryLineIsShortAndTheNamesReadBack() throws Exception {
        String config = Files.readString(project.resolve("config/newsletter.yaml"))
                .replace("mode: capture", "mode: relay")
                .replace("host: smtp.example.org", "host: 127.0.0.1")
                .replace("port: 587", "port: " + SMTP.getSmtp().getPort())
                .replace("tls: starttls-required", "tls: none");
        project.write("config/newsletter.yaml", config);

        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        List<byte[]> received = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            received.add(raw.toByteArray());
        }
        assertThat(received).hasSize(7);
        assertShortLinesAndNames(received);
    }

    @Test
    void inCaptureModeEveryLineOfTheEmlFilesIsShortAndTheNamesReadBack() throws Exception {
        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        List<byte[]> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(project.resolve("outbox"))) {
            for (Path eml : walk.filter(p -> p.toString().endsWith(".eml")).toList()) {
                files.add(Files.readAllBytes(eml));
            }
        }
        assertThat(files).hasSize(7);
        assertShortLinesAndNames(files);
    }

    private static void assertShortLinesAndNames(List<byte[]> messages) throws Exception {
        Map<String, String> names = new HashMap<>();
        for (byte[] raw : messages) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            assertThat(text.split("\r\n", -1))
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
            assertThat(text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n(?! )"))
                    .filteredOn(field -> !field.startsWith("List-Unsubscribe:"))
                    .allSatisfy(field -> assertThat(field.split("\r\n"))
                            .allSatisfy(
                                    line -> assertThat(line.length()).as(field).isLessThanOrEqualTo(78)));
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo(LONG);
            InternetAddress to = (InternetAddress) message.getRecipients(MimeMessage.RecipientType.TO)[0];
            names.put(to.getAddress(), to.getPersonal());
        }
        assertThat(names)
                .containsEntry("long.name@example.org", LONGEST_LISTED)
                .containsEntry("bank@example.org", LOOKS_ENCODED);
    }
}
