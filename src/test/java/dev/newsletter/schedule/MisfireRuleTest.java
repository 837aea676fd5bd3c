package dev.newsletter.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MisfireRuleTest {
    private static final Instant DUE = Instant.parse("2026-11-30T08:00:00Z");
    private final MisfireRule rule = new MisfireRule(Duration.ofHours(1), Duration.ofMinutes(1));

    private static Instant at(String time) {
        return Clock.fixed(Instant.parse(time), ZoneOffset.UTC).instant();
    }

    @Test
    void aFiringThatStartsWithinTheOnTimeToleranceIsOnTime() {
        MisfireRule.Decision decision = rule.decide(DUE, at("2026-11-30T08:00:40Z"));

        assertThat(decision.verdict()).isEqualTo(MisfireRule.Verdict.ON_TIME);
        assertThat(decision.late()).isEqualTo(Duration.ofSeconds(40));
        assertThat(decision.runs()).isTrue();
    }

    @Test
    void aFiringThatStartsBeforeItsDueTimeIsOnTimeAndNotLate() {
        MisfireRule.Decision decision = rule.decide(DUE, at("2026-11-30T07:59:59Z"));

        assertThat(decision.verdict()).isEqualTo(MisfireRule.Verdict.ON_TIME);
        assertThat(decision.late()).isZero();
    }

    @Test
    void aFiringMissedByLessThanTheGraceCatchesUp() {
        MisfireRule.Decision decision = rule.decide(DUE, at("2026-11-30T08:59:00Z"));

        assertThat(decision.verdict()).isEqualTo(MisfireRule.Verdict.CATCH_UP);
        assertThat(decision.runs()).isTrue();
    }

    @Test
    void aFiringMissedByExactlyTheGraceStillCatchesUp() {
        assertThat(rule.decide(DUE, at("2026-11-30T09:00:00Z")).verdict()).isEqualTo(MisfireRule.Verdict.CATCH_UP);
    }

    @Test
    void aFiringMissedByMoreThanTheGraceIsSkippedAndSaysByHowMuch() {
        MisfireRule.Decision decision = rule.decide(DUE, at("2026-11-30T09:00:01Z"));

        assertThat(decision.verdict()).isEqualTo(MisfireRule.Verdict.SKIP);
        assertThat(decision.runs()).isFalse();
        assertThat(decision.late()).isEqualTo(Duration.ofMinutes(60).plusSeconds(1));
    }

    @Test
    void aZeroGraceNeverCatchesUpButStillRunsOnTimeFirings() {
        MisfireRule strict = new MisfireRule(Duration.ZERO, Duration.ofMinutes(1));

        assertThat(strict.decide(DUE, at("2026-11-30T08:00:05Z")).verdict()).isEqualTo(MisfireRule.Verdict.ON_TIME);
        assertThat(strict.decide(DUE, at("2026-11-30T08:02:00Z")).verdict()).isEqualTo(MisfireRule.Verdict.SKIP);
    }

    @Test
    void theAllowanceIsTheLargerOfGraceAndOnTime() {
        assertThat(rule.allowance()).isEqualTo(Duration.ofHours(1));
        assertThat(new MisfireRule(Duration.ZERO, Duration.ofMinutes(1)).allowance())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> new MisfireRule(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLateFiringDueBeforeTheLastFiringStartedIsCoveredByIt() {
        MisfireRule rule = new MisfireRule(Duration.ofHours(1), Duration.ofMinutes(1));
        Instant now = at("2026-11-30T08:05:00Z");

        assertThat(rule.decide(DUE, now, Optional.of(at("2026-11-30T08:04:59Z")))
                        .verdict())
                .isEqualTo(MisfireRule.Verdict.COVERED);
        assertThat(rule.decide(DUE, now, Optional.of(DUE)).runs()).isFalse();
        assertThat(rule.decide(DUE, now, Optional.of(at("2026-11-30T07:59:59Z")))
                        .verdict())
                .isEqualTo(MisfireRule.Verdict.CATCH_UP);
        assertThat(rule.decide(DUE, now, Optional.empty()).verdict()).isEqualTo(MisfireRule.Verdict.CATCH_UP);
        assertThat(rule.decide(DUE, at("2026-11-30T08:00:30Z"), Optional.of(DUE))
                        .verdict())
                .as("an on-time firing is never covered")
                .isEqualTo(MisfireRule.Verdict.ON_TIME);
    }
}
