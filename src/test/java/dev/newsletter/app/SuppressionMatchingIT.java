package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.testing.SampleProject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suppressed person gets nothing, however the list spells the address: other upper and lower case
 * in the local part or the domain, or the domain's other IDN form (issue 11, item 1).
 */
class SuppressionMatchingIT {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");

    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void relayToGreenMail() {
        sample = SampleProject.copyTo(dir);
        sample.useRelay(SMTP.getSmtp().getPort());
    }

    @Test
    void theCaseVariantOfASuppressedAddressGetsNothing() throws Exception {
        sample.replace(
                "subscribers/pdl-packet.csv",
                "li.wei@example.org,Li Wei,unsubscribed,",
                "Li.Wei@Example.ORG,Li Wei,active,");
        sample.replace(
                "subscribers/pdl-packet.csv",
                "new.reader@example.org,Jordan Reyes,pending,",
                "A@XN--BCHER-KVA.example,Jordan Reyes,active,");
        sample.write(
                "subscribers/suppressed.csv",
                "email,reason,suppressed_at\n"
                        + "li.wei@example.org,unsubscribed,2024-10-15T13:40:00Z\n"
                        + "a@bücher.example,hard bounce,2024-10-16T00:00:00Z\n");

        MailingReport report = send();

        assertThat(report.accepted()).isEqualTo(5);
        assertThat(recipients())
                .hasSize(5)
                .noneMatch(to -> to.toLowerCase(Locale.ROOT).startsWith("li.wei@"))
                .noneMatch(to -> to.toLowerCase(Locale.ROOT).startsWith("a@"));
    }

    private MailingReport send() {
        Project project = Project.load(ConfigLoader.load(sample.config()), sample.issue());
        return new IssueSender(ENV, Clock.systemUTC())
                .send(project, IssueSender.Request.everyone(null), note -> {}, total -> Progress.none());
    }

    private static List<String> recipients() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            for (jakarta.mail.Address address : message.getRecipients(MimeMessage.RecipientType.TO)) {
                to.add(((InternetAddress) address).getAddress());
            }
        }
        return to;
    }
}
