package dev.newsletter.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.delivery.MessageHeaders;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The census builds each recipient's To field as the send does, in its one pass: the longest line
 * of those built, and the first ten it refuses with file, line, address and why.
 */
class ListCensusToFieldsTest {
    private static final Path FILE = Path.of("subscribers/pdl-packet.csv");

    @Test
    void keepsTheLongestLineOfTheToFieldsBuilt() {
        ListCensus.ToFieldTally tally = new ListCensus.ToFieldTally(FILE);
        String longAddress = "l".repeat(64) + "@" + "d".repeat(63) + ".example.org";

        tally.add(subscriber("ann@example.org", "Ann", 2));
        tally.add(subscriber(longAddress, "Long Address", 3));
        tally.add(subscriber("zoe@example.org", "Zoë Müller", 4));

        ListCensus.ToFields fields = tally.result();
        assertThat(fields.refused()).isZero();
        assertThat(fields.firstRefused()).isEmpty();
        assertThat(fields.longestLine())
                .isEqualTo(MessageHeaders.to(new Mailbox("Long Address", EmailAddress.parse(longAddress)))
                        .longestLine())
                .isEqualTo(1 + longAddress.length() + 2);
    }

    @Test
    void refusesANameThatCannotGoIntoAHeaderAndKeepsTheFirstTen() {
        ListCensus.ToFieldTally tally = new ListCensus.ToFieldTally(FILE);

        tally.add(subscriber("ok@example.org", "Fine", 2));
        for (int i = 0; i < 12; i++) {
            tally.add(subscriber("bad" + i + "@example.org", "Bad\u0007Name", 3 + i));
        }
        tally.add(subscriber("broken@example.org", "Broken\r\nBcc: x@example.net", 20));

        ListCensus.ToFields fields = tally.result();
        assertThat(fields.refused()).isEqualTo(13);
        assertThat(fields.firstRefused()).hasSize(10);
        assertThat(fields.firstRefused().get(0).toString())
                .isEqualTo(FILE + ":3: bad0@example.org: display name contains a line break or control character:"
                        + " refused, nothing sent");
        assertThat(fields.firstRefused().get(9).toString()).startsWith(FILE + ":12: bad9@example.org: ");
    }

    @Test
    void aNameWithALineBreakIsRefusedWithTheMailboxReason() {
        ListCensus.ToFieldTally tally = new ListCensus.ToFieldTally(FILE);

        tally.add(subscriber("broken@example.org", "Broken\r\nBcc: x@example.net", 7));

        assertThat(tally.result().firstRefused())
                .singleElement()
                .hasToString(FILE + ":7: broken@example.org: a display name must not contain line breaks");
    }

    private static Subscriber subscriber(String address, String name, long line) {
        return new Subscriber(EmailAddress.parse(address), name, Status.ACTIVE, "", List.of(), Map.of(), line);
    }
}
