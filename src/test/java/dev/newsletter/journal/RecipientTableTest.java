package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientTableTest {
    @Test
    void keepsStatesThroughGrowth() {
        RecipientTable table = new RecipientTable();
        for (long i = 1; i <= 100_000; i++) {
            table.put(RecipientTable.mix(i), (int) (i % 5), true);
        }
        assertThat(table.size()).isEqualTo(100_000);
        for (long i = 1; i <= 100_000; i++) {
            assertThat(table.state(RecipientTable.mix(i))).isEqualTo((int) (i % 5));
        }
        assertThat(table.state(RecipientTable.mix(100_001))).isEqualTo(-1);
    }

    @Test
    void countsAttemptsAndReturnsThePreviousState() {
        RecipientTable table = new RecipientTable();
        long key = RecipientTable.fingerprint("a@example.org");
        assertThat(table.put(key, 1, true)).isEqualTo(-1);
        assertThat(table.put(key, 2, true)).isEqualTo(1);
        assertThat(table.attempts(key)).isEqualTo(2);
    }

    @Test
    void fingerprintsOfSimilarAddressesDiffer() {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertThat(seen.add(RecipientTable.fingerprint("user" + i + "@example.org")))
                    .isTrue();
        }
        assertThat(RecipientTable.fingerprint("ab@example.org"))
                .isNotEqualTo(RecipientTable.fingerprint("ba@example.org"));
    }
}
