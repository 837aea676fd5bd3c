package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FingerprintTableTest {
    @Test
    void keepsStatesThroughGrowth() {
        FingerprintTable table = new FingerprintTable();
        for (long i = 1; i <= 100_000; i++) {
            table.put(Fingerprint.mix(i), (int) (i % 5), true);
        }
        assertThat(table.size()).isEqualTo(100_000);
        for (long i = 1; i <= 100_000; i++) {
            assertThat(table.state(Fingerprint.mix(i))).isEqualTo((int) (i % 5));
        }
        assertThat(table.state(Fingerprint.mix(100_001))).isEqualTo(-1);
    }

    @Test
    void countsAttemptsAndReturnsThePreviousState() {
        FingerprintTable table = new FingerprintTable();
        long key = Fingerprint.of("a@example.org");
        assertThat(table.put(key, 1, true)).isEqualTo(-1);
        assertThat(table.put(key, 2, true)).isEqualTo(1);
        assertThat(table.attempts(key)).isEqualTo(2);
    }

    @Test
    void fingerprintsOfSimilarAddressesDiffer() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(Fingerprint.of("user" + i + "@example.org"))).isTrue();
        }
        assertThat(Fingerprint.of("ab@example.org")).isNotEqualTo(Fingerprint.of("ba@example.org"));
    }
}
