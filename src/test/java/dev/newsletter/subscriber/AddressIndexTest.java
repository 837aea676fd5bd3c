package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import org.junit.jupiter.api.Test;

class AddressIndexTest {
    @Test
    void mapsEachKeyToTheValueItWasFirstAddedWith() {
        AddressIndex index = new AddressIndex();

        assertThat(index.putIfAbsent(a("ann@example.org"), 2)).isEqualTo(-1);
        assertThat(index.putIfAbsent(a("ann@example.org"), 9)).isEqualTo(2);
        assertThat(index.get(a("ann@example.org"))).isEqualTo(2);
        assertThat(index.get(a("bob@example.org"))).isEqualTo(-1);
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void findsAnAddressInOtherCaseAndTheOtherIdnForm() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent(a("Ann@example.org"), 3);
        index.putIfAbsent(a("jo@bücher.example"), 4);

        assertThat(index.get(a("ann@EXAMPLE.org"))).isEqualTo(3);
        assertThat(index.putIfAbsent(a("ANN@example.org"), 7)).isEqualTo(3);
        assertThat(index.get(a("JO@xn--bcher-kva.example"))).isEqualTo(4);
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void holdsHalfAMillionKeysAcrossChunksAndRehashes() {
        AddressIndex index = new AddressIndex();
        int n = 500_000;
        for (int i = 0; i < n; i++) {
            assertThat(index.putIfAbsent(new EmailAddress("reader." + i, "example" + (i % 97) + ".org"), i))
                    .isEqualTo(-1);
        }

        assertThat(index.size()).isEqualTo(n);
        for (int i = 0; i < n; i += 7) {
            assertThat(index.get(new EmailAddress("reader." + i, "example" + (i % 97) + ".org")))
                    .isEqualTo(i);
        }
        assertThat(index.get(a("reader.1@example2.org"))).isEqualTo(-1);
        assertThat(index.putIfAbsent(new EmailAddress("reader.499999", "example" + (499_999 % 97) + ".org"), 1))
                .isEqualTo(499_999);
    }

    @Test
    void replacesTheValueOfAPresentKeyOnly() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent(a("ann@example.org"), 2);

        assertThat(index.replace(a("ann@example.org"), 5)).isTrue();
        assertThat(index.replace(a("bob@example.org"), 5)).isFalse();
        assertThat(index.get(a("ann@example.org"))).isEqualTo(5);
        assertThat(index.get(a("bob@example.org"))).isEqualTo(-1);
    }

    @Test
    void foldsNonAsciiLocalPartsButKeepsDifferentLettersApart() {
        AddressIndex index = new AddressIndex();
        index.putIfAbsent(a("jürgen@example.org"), 1);

        assertThat(index.get(a("jurgen@example.org"))).isEqualTo(-1);
        assertThat(index.get(a("jürgen@example.org"))).isEqualTo(1);
        assertThat(index.get(a("JÜRGEN@example.org"))).isEqualTo(1);
    }

    private static EmailAddress a(String text) {
        return EmailAddress.parse(text, true);
    }
}
