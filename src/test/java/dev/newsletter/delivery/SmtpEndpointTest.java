package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.config.SmtpSettings.Tls;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpEndpointTest {
    @Test
    void namesTheTlsSettingAsTheConfigSpellsIt() {
        SmtpEndpoint endpoint = SmtpEndpoint.of(
                "smtp.example.org", 587, Tls.STARTTLS_REQUIRED, Duration.ofSeconds(5), "example.org", false);

        assertThat(endpoint.toString())
                .isEqualTo("smtp.example.org:587 (tls starttls-required)")
                .doesNotContain("_");
    }
}
