package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long SECOND = 1_000_000_000L;

    /** A clock the test moves by hand. */
    private static final class FakeTicker implements Ticker {
        long now = 1_000 * SECOND;

        @Override
        public long nanoTime() {
            return now;
        }

        void advance(long nanos) {
            now += nanos;
        }
    }

    private final FakeTicker ticker = new FakeTicker();

    private Pacer pacer(double perSecond, double perHour, Map<String, Double> perDomain, SendHistory history) {
        return new Pacer(new Pacing(perSecond, perHour, perDomain), ticker, history);
    }

    private Pacer pacer(double perSecond, double perHour, Map<String, Double> perDomain) {
        return pacer(perSecond, perHour, perDomain, SendHistory.none(Instant.EPOCH));
    }

    @Test
    void unlimitedAlwaysGoes() {
        Pacer pacer = pacer(0, 0, Map.of());
        for (int i = 0; i < 10_000; i++) {
            assertThat(pacer.reserve("example.org").go()).isTrue();
        }
    }

    @Test
    void perSecondSpacesMessagesEvenlyAndNeverExceedsTheRateInAnySecond() {
        Pacer pacer = pacer(10, 0, Map.of());
        int sent = 0;
        long end = ticker.now + 5 * SECOND;
        while (ticker.now < end) {
            Pacer.Decision d = pacer.reserve("example.org");
            if (d.go()) {
                sent++;
            } else {
                assertThat(d.domainOnly()).isFalse();
                assertThat(d.waitNanos()).isLessThanOrEqualTo(SECOND / 10);
                ticker.advance(d.waitNanos());
            }
        }
        assertThat(sent).isEqualTo(50);
    }

    @Test
    void idleTimeIsNotSavedUpIntoABurst() {
        Pacer pacer = pacer(2, 0, Map.of());
        assertThat(pacer.reserve("a.example").go()).isTrue();
        ticker.advance(60 * SECOND);
        assertThat(pacer.reserve("a.example").go()).isTrue();
        assertThat(pacer.reserve("a.example").go()).isFalse();
    }

    @Test
    void aDomainLimitHoldsOnlyThatDomainAndSaysSo() {
        Pacer pacer = pacer(0, 0, Map.of("gmail.com", 1.0));
        assertThat(pacer.reserve("gmail.com").go()).isTrue();
        Pacer.Decision second = pacer.reserve("gmail.com");
        assertThat(second.go()).isFalse();
        assertThat(second.domainOnly()).isTrue();
        assertThat(second.waitNanos()).isEqualTo(SECOND);
        assertThat(pacer.reserve("example.org").go()).isTrue();
        ticker.advance(SECOND);
        assertThat(pacer.reserve("gmail.com").go()).isTrue();
    }

    @Test
    void aDomainLimitCoversItsSubdomainsCaseInsensitively() {
        Pacer pacer = pacer(0, 0, Map.of("Example.COM", 1.0));
        assertThat(pacer.reserve("mail.example.com").go()).isTrue();
        assertThat(pacer.reserve("example.com").go()).isFalse();
        assertThat(pacer.reserve("notexample.com").go()).isTrue();
    }

    @Test
    void aMessageHeldByItsDomainTakesNoGlobalSlot() {
        Pacer pacer = pacer(1, 0, Map.of("gmail.com", 0.5));
        assertThat(pacer.reserve("gmail.com").go()).isTrue();
        ticker.advance(SECOND);
        assertThat(pacer.reserve("gmail.com").domainOnly()).isTrue();
        assertThat(pacer.reserve("example.org").go()).isTrue();
    }

    @Test
    void perHourIsASlidingWindow() {
        Pacer pacer = pacer(0, 3, Map.of());
        assertThat(pacer.reserve("x.example").go()).isTrue();
        ticker.advance(10 * 60 * SECOND);
        assertThat(pacer.reserve("x.example").go()).isTrue();
        assertThat(pacer.reserve("x.example").go()).isTrue();
        Pacer.Decision full = pacer.reserve("x.example");
        assertThat(full.go()).isFalse();
        // the first send, 10 minutes ago, leaves the window 50 minutes from now
        assertThat(full.waitNanos()).isBetween(49 * 60 * SECOND, 50 * 60 * SECOND);
        ticker.advance(full.waitNanos());
        assertThat(pacer.reserve("x.example").go()).isTrue();
        assertThat(pacer.reserve("x.example").go()).isFalse();
    }

    @Test
    void theHourlyWindowIsRebuiltFromSendsBeforeARestart() {
        Instant now = Instant.parse("2026-11-02T10:00:00Z");
        SendHistory history = new SendHistory(now);
        for (int i = 0; i < 5; i++) {
            history.add(now.minusSeconds(30 * 60));
        }
        history.add(now.minusSeconds(2 * 3600));
        assertThat(history.total()).isEqualTo(5);
        Pacer pacer = pacer(0, 6, Map.of(), history);

        assertThat(pacer.sentInLastHour()).isEqualTo(5);
        assertThat(pacer.reserve("x.example").go()).isTrue();
        Pacer.Decision full = pacer.reserve("x.example");
        assertThat(full.go()).isFalse();
        assertThat(full.waitNanos()).isBetween(29 * 60 * SECOND, 31 * 60 * SECOND);
    }
}
