package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TallyTest {
    @Test
    void theReportAndTheProgressAreMadeFromTheSameCounts() {
        Tally tally = new Tally();
        tally.done(Outcome.ACCEPTED);
        tally.done(Outcome.ACCEPTED);
        tally.done(Outcome.DEFERRED);
        tally.done(Outcome.REJECTED);
        tally.hardBounce();
        tally.done(Outcome.FAILED);
        tally.skipped();
        tally.inDoubtResent();
        tally.retried();
        tally.retried();

        assertThat(tally.notAccepted()).isEqualTo(2);
        assertThat(tally.snapshot(3)).isEqualTo(new Progress.Snapshot(5, 2, 1, 1, 1, 1, 3));
        assertThat(tally.report(Duration.ofSeconds(2), Optional.of("signal")))
                .isEqualTo(new MailingReport(2, 1, 1, 1, 1, 1, 2, 1, Duration.ofSeconds(2), Optional.of("signal")));
    }
}
