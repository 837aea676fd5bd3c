package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailingReportTest {
    @Test
    void theSummarySaysOneRetryAndOneHardBounceInTheSingular() {
        MailingReport report = new MailingReport(3, 0, 1, 0, 0, 1, 1, 1, Duration.ofSeconds(2), Optional.empty());

        assertThat(report.summary())
                .contains("1 retry,")
                .contains("1 hard bounce (5.1.x)")
                .doesNotContain("1 retries")
                .doesNotContain("1 hard bounces");
    }

    @Test
    void manyAreInThePlural() {
        MailingReport report = new MailingReport(3, 0, 2, 0, 0, 0, 2, 2, Duration.ofSeconds(2), Optional.empty());

        assertThat(report.summary()).contains("2 retries,").contains("2 hard bounces (5.1.x)");
    }
}
