package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressIndexTest {
    @Test
    void mapsEachKeyToTheValueItWasFirstAddedWith() {
        AddressIndex index = new AddressIndex();

        assertThat(index.putIfAbsent("ann@example.org", 2)).isEqualTo(-1);
        assertThat(index.putIfAbsent("ann@example.org", 9)).isEqualTo(2);
        assertThat(index.get("ann@example.org")).isEqualTo(2);
        assertThat(index.get("bob@example.org")).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void isExactAboutCaseButFindsCaseVariants() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent("Ann@example.org", 3);

        assertThat(index.get("ann@example.org")).isEqualTo(-1);
        assertThat(index.caseVariant("ann@example.org")).isEqualTo(3);
        assertThat(index.caseVariant("Ann@example.org")).isEqualTo(-1);
        index.putIfAbsent("ann@example.org", 7);
        assertThat(index.caseVariant("ANN@example.org")).isIn(3, 7);
        assertThat(index.get("ann@example.org")).isEqualTo(7);
    }

    @Test
    void holdsHalfAMillionKeysAcrossChunksAndRehashes() {
        AddressIndex index = new AddressIndex();
        int n = 500_000;
        for (int i = 0; i < n; i++) {
            assertThat(index.putIfAbsent("reader." + i + "@example" + (i % 97) + ".org", i))
                    .isEqualTo(-1);
        }

        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 7) {
            assertThat(index.get("reader." + i + "@example" + (i % 97) + ".org"))
                    .isEqualTo(i);
        }
        assertThat(index.get("reader.1@example2.org")).isEqualTo(-1);
        assertThat(index.putIfAbsent("reader.499999@example" + (499_999 % 97) + ".org", 1))
                .isEqualTo(499_999);
    }

    @Test
    void replacesTheValueOfAPresentKeyOnly() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent("ann@example.org", 2);

        assertThat(index.replace("ann@example.org", 5)).isTrue();
        assertThat(index.replace("bob@example.org", 5)).isFalse();
        assertThat(index.get("ann@example.org")).isEqualTo(5);
        assertThat(index.get("bob@example.org")).isEqualTo(-1);
    }

    @Test
    void keepsNonAsciiKeysApart() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent("jürgen@example.org", 1);

        assertThat(index.get("jurgen@example.org")).isEqualTo(-1);
        assertThat(index.get("jürgen@example.org")).isEqualTo(1);
        assertThat(index.caseVariant("JÜRGEN@example.org")).isEqualTo(-1);
    }
}
