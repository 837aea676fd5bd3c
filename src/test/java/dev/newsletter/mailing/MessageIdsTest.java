package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Message-IDs are deterministic under one secret (a resumed send gives a recipient the same id) and
 * keyed by it: nobody who knows an address and the list can compute the id without the secret.
 */
class MessageIdsTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_SECRET = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8);
    private static final EmailAddress ANA = EmailAddress.parse("ana.lima@example.org");

    @Test
    void theSameSecretGivesTheSameIdAndAnotherSecretAnotherId() {
        String id = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", SECRET)
                .of(ANA);

        assertThat(MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", SECRET.clone())
                        .of(ANA))
                .isEqualTo(id);
        assertThat(MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", OTHER_SECRET)
                        .of(ANA))
                .isNotEqualTo(id);
    }

    @Test
    void testSendIdsAreKeyedToo() {
        String id = MessageIds.forTest("2024-fall", "20241104T090000Z", "pdl.example.org", SECRET)
                .of(ANA);

        assertThat(id).matches("<2024-fall\\.test\\.20241104T090000Z\\.[0-9a-f]{16}@pdl\\.example\\.org>");
        assertThat(MessageIds.forTest("2024-fall", "20241104T090000Z", "pdl.example.org", SECRET)
                        .of(ANA))
                .isEqualTo(id);
        assertThat(MessageIds.forTest("2024-fall", "20241104T090000Z", "pdl.example.org", OTHER_SECRET)
                        .of(ANA))
                .isNotEqualTo(id);
    }

    @Test
    void keepsItsShapeButIsNotThePlainHashOfListAndAddress() throws Exception {
        String id = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", SECRET)
                .of(ANA);
        byte[] plain = MessageDigest.getInstance("SHA-256")
                .digest("pdl-packet\nana.lima@example.org".getBytes(StandardCharsets.UTF_8));

        assertThat(id).matches("<2024-fall\\.[0-9a-f]{16}@pdl\\.example\\.org>");
        assertThat(id).doesNotContain(HexFormat.of().formatHex(plain, 0, 8));
    }

    @Test
    void eachListAndRecipientHasItsOwnId() {
        MessageIds packet = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", SECRET);

        assertThat(List.of(
                        packet.of(ANA),
                        packet.of(EmailAddress.parse("zoe.mueller@example.org")),
                        MessageIds.forList("2024-fall", "alumni", "pdl.example.org", SECRET)
                                .of(ANA)))
                .doesNotHaveDuplicates();
    }

    @Test
    void theSendingThreadsShareOneInstance() throws Exception {
        MessageIds ids = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", SECRET);
        List<EmailAddress> readers = IntStream.range(0, 200)
                .mapToObj(i -> EmailAddress.parse("reader" + i + "@example.org"))
                .toList();
        List<String> alone = readers.stream().map(ids::of).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> together = readers.stream()
                    .map(reader -> pool.submit(() -> ids.of(reader)))
                    .toList();
            for (int i = 0; i < readers.size(); i++) {
                assertThat(together.get(i).get()).isEqualTo(alone.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyShorterThan16BytesIsRefused() {
        assertThatThrownBy(() -> MessageIds.forList(
                        "2024-fall", "pdl-packet", "pdl.example.org", "short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
