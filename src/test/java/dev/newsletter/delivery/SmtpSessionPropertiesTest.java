package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.SmtpSettings.Tls;
import dev.newsletter.delivery.smtp.SmtpPath;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The session properties that keep a login from ever crossing the network in clear text. */
class SmtpSessionPropertiesTest {
    private static Properties properties(String host, Tls tls, String user) {
        return SmtpMailer.properties(
                SmtpEndpoint.of(host, 587, tls, Duration.ofSeconds(5), "h", false)
                        .withPassword(user, user.isEmpty() ? "" : "pw"),
                SmtpPath.FAST);
    }

    @Test
    void opportunisticStartTlsWithALoginToAnotherMachineRequiresStartTls() {
        assertThat(properties("smtp.example.org", Tls.STARTTLS, "editor").getProperty("mail.smtp.starttls.required"))
                .isEqualTo("true");
    }

    @Test
    void opportunisticStartTlsStaysOpportunisticWithoutALoginOrOnThisMachine() {
        assertThat(properties("smtp.example.org", Tls.STARTTLS, "").getProperty("mail.smtp.starttls.required"))
                .isEqualTo("false");
        assertThat(properties("127.0.0.1", Tls.STARTTLS, "editor").getProperty("mail.smtp.starttls.required"))
                .isEqualTo("false");
    }

    @Test
    void certificatesAndHostNamesAreAlwaysChecked() {
        assertThat(properties("smtp.example.org", Tls.STARTTLS_REQUIRED, "editor"))
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true")
                .doesNotContainKey("mail.smtp.ssl.trust");
    }
}
