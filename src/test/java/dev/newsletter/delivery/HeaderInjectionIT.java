package dev.newsletter.delivery;

import static dev.newsletter.testing.SampleProject.ENV;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber file whose name carries {@code \r\nBcc: victim@example.com}: {@code send} and
 * {@code test} refuse it with the file and line, and the SMTP server (a real one, on a free port)
 * receives nothing, least of all for the injected address.
 */
class HeaderInjectionIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path temp;

    private SampleProject project;

    @BeforeEach
    void projectSendingToTheTestServer() throws Exception {
        project = SampleProject.copyTo(temp);
        String config = Files.readString(project.resolve("config/newsletter.yaml"))
                .replace("mode: capture", "mode: relay")
                .replace("host: smtp.example.org", "host: 127.0.0.1")
                .replace("port: 587", "port: " + SMTP.getSmtp().getPort())
                .replace("tls: starttls-required", "tls: none");
        project.write("config/newsletter.yaml", config);
        project.append(
                "subscribers/pdl-packet.csv",
                "eve@example.org,\"Eve\r\nBcc: victim@example.com\",active,2024-10-01T00:00:00Z,,Example Org\n");
    }

    @Test
    void sendRefusesTheListNamingTheLineAndSendsNothing() {
        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

        assertThat(send.code()).isEqualTo(2);
        assertThat(send.err()).contains("pdl-packet.csv:10").contains("line break");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendWithForceStillRefusesIt() {
        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes", "--force");

        assertThat(send.code()).isEqualTo(2);
        assertThat(send.err()).contains("pdl-packet.csv:10");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void aTestSendPersonalisedFromTheListRefusesItToo() {
        SampleProject.Run test = project.run(
                ENV, "test", project.resolve("issues/2024-fall.yaml").toString(), "--to", "eve@example.org");

        assertThat(test.code()).isEqualTo(2);
        assertThat(test.err()).contains("pdl-packet.csv:10");
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void withTheBadRowRemovedEveryoneElseGetsExactlyTheirOwnMessage() throws Exception {
        String list = Files.readString(project.resolve("subscribers/pdl-packet.csv"));
        project.write("subscribers/pdl-packet.csv", list.substring(0, list.indexOf("eve@example.org")));

        SampleProject.Run send = project.run(
                ENV, "send", project.resolve("issues/2024-fall.yaml").toString(), "--yes");

        assertThat(send.code()).as(send.err()).isZero();
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(5);
        for (MimeMessage message : received) {
            assertThat(message.getHeader("Bcc")).isNull();
            assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
                    .noneMatch(a -> a.contains("victim"));
        }
    }
}
