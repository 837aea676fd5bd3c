package dev.newsletter.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick path against the full checks on addresses built near every edge the quick path claims to
 * know: upper case, trailing and doubled dots, hyphens at label ends, IDN-looking labels, digit TLDs,
 * a leading '+', and lengths around 64 (local part), 63 (label) and 254/255 (whole). Whatever the
 * quick path takes must be accepted in full with the same result, and what the full checks refuse the
 * quick path must not take.
 */
class PlainAddressHostileTest {
    private static final String[] LOCAL_PIECES = {"a", "Z", "0", ".", "+", "-", "_", "ab", "x.y", "++", "--"};
    private static final String[] LABEL_PIECES = {"a", "Z", "9", "-", "xn--", "XN--", "ab--", "x", "n", "0"};
    private static final String[] TLDS = {
        "org", "ORG", "io", "c", "123", "c0m", "x-y", "xn--p1ai", "", "org.", "co.", "museum"
    };

    @Test
    void quickPathAgreesWithTheFullChecksOnEdgeAddresses() {
        Random random = new Random(151);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            StringBuilder local = new StringBuilder();
            int pieces = 1 + random.nextInt(5);
            for (int p = 0; p < pieces; p++) {
                local.append(LOCAL_PIECES[random.nextInt(LOCAL_PIECES.length)]);
            }
            StringBuilder domain = new StringBuilder();
            int labels = 1 + random.nextInt(3);
            for (int l = 0; l < labels; l++) {
                int labelPieces = 1 + random.nextInt(4);
                for (int p = 0; p < labelPieces; p++) {
                    domain.append(LABEL_PIECES[random.nextInt(LABEL_PIECES.length)]);
                }
                domain.append(random.nextInt(30) == 0 ? ".." : ".");
            }
            domain.append(TLDS[random.nextInt(TLDS.length)]);
            addresses.add(local + "@" + domain);
        }
        for (int localLength = 62; localLength <= 66; localLength++) {
            for (int total = 250; total <= 258; total++) {
                for (int labelLength : new int[] {61, 62, 63, 64}) {
                    addresses.add(ofLengths(localLength, labelLength, total));
                }
            }
            addresses.add("a".repeat(localLength) + "@example.org");
            addresses.add("ann@" + "b".repeat(localLength) + ".org");
        }
        int plain = 0;
        for (String address : addresses) {
            int at = Math.max(address.lastIndexOf('@'), 0);
            if (!EmailAddress.isPlain(address, at)) {
                continue;
            }
            plain++;
            String full;
            try {
                full = EmailAddress.parseInFull(address, false).toString();
            } catch (InvalidAddressException e) {
                throw new AssertionError("the quick path took " + address + " (" + address.length()
                        + " characters), the full checks refuse it: " + e.getMessage());
            }
            assertThat(EmailAddress.parse(address).toString()).as(address).isEqualTo(full);
        }
        assertThat(plain).isGreaterThan(1000);
    }

    /** An address of {@code local} letters and labels of {@code label} letters, {@code total} long. */
    private static String ofLengths(int local, int label, int total) {
        StringBuilder address = new StringBuilder("a".repeat(local)).append('@');
        while (address.length() + label + 1 + 3 < total) {
            address.append("b".repeat(label)).append('.');
        }
        int rest = total - address.length() - 4;
        if (rest > 0) {
            address.append("c".repeat(rest)).append('.');
        }
        address.append("org");
        return address.toString();
    }
}
