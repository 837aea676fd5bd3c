package dev.newsletter.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick path for plain addresses accepts only what the full checks accept, and gives the same address. */
class PlainAddressTest {
    private static void agreesWithTheFullChecks(String address) {
        int at = Math.max(address.lastIndexOf('@'), 0);
        if (!EmailAddress.isPlain(address, at)) {
            return;
        }
        assertThat(EmailAddress.parseInFull(address, false).toString())
                .as(address)
                .isEqualTo(EmailAddress.parse(address).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann@example.org",
                "Ann.Lee+news@Mail.Example.ORG",
                "a_b-c@sub-domain.example.com",
                "0@0.io",
                "x@a.bc",
                "x@a-b.c-d.ef"
            })
    void plainAddressesTakeTheQuickPathWithTheSameResult(String address) {
        assertThat(EmailAddress.isPlain(address, address.lastIndexOf('@'))).isTrue();
        agreesWithTheFullChecks(address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ".ann@example.org",
                "ann.@example.org",
                "an..n@example.org",
                "ann@example",
                "ann@example.c",
                "ann@example.123",
                "ann@example.c-m",
                "ann@-example.com",
                "ann@example-.com",
                "ann@ex..ample.com",
                "ann@xn--bcher-kva.example",
                "ann@XN--BCHER-KVA.example",
                "ann@example.org.",
                "ann@@example.org",
                "\"ann\"@example.org",
                "ann@[192.0.2.1]",
                "ann@192.0.2.1",
                "ann!x@example.org",
                "zoë@example.org",
                "ann@bücher.example",
                "ann@exa_mple.org",
                "@example.org"
            })
    void everythingElseTakesTheFullPath(String address) {
        assertThat(EmailAddress.isPlain(address, Math.max(address.lastIndexOf('@'), 0)))
                .isFalse();
    }

    @Test
    void aLocalPartOrLabelTooLongTakesTheFullPathAndIsRefused() {
        String local = "a".repeat(65) + "@example.org";
        String label = "ann@" + "a".repeat(64) + ".org";

        assertThat(EmailAddress.isPlain(local, local.lastIndexOf('@'))).isFalse();
        assertThat(EmailAddress.isPlain(label, label.lastIndexOf('@'))).isFalse();
        assertThatThrownBy(() -> EmailAddress.parse(local)).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> EmailAddress.parse(label)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void randomAddressesTheQuickPathAcceptsAreAcceptedAlikeInFull() {
        Random random = new Random(15);
        int plain = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder address = new StringBuilder(part(random, "aZ09._+-.", 1 + random.nextInt(8)));
            address.append('@');
            int labels = 1 + random.nextInt(3);
            for (int label = 0; label < labels; label++) {
                address.append(part(random, "aZ09-x", 1 + random.nextInt(label == 0 ? 70 : 6)))
                        .append('.');
            }
            address.append(part(random, "aZz9-", random.nextInt(4)));
            agreesWithTheFullChecks(address.toString());
            if (EmailAddress.isPlain(address.toString(), address.lastIndexOf("@"))) {
                plain++;
            }
        }
        assertThat(plain).as("random plain addresses tried").isGreaterThan(2000);
    }

    private static String part(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < length; j++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
