package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.MessageIds;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our Message-IDs lead back to issue, list and recipient through journals written by the real journal. */
class SentMessagesTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path var;

    private String send(String issue, String list, String address, MessageIds ids) {
        String messageId = ids.of(EmailAddress.parse(address));
        try (DeliveryJournal journal = DeliveryJournal.open(
                var.resolve("deliveries").resolve(issue).resolve(list + ".jsonl"), Clock.systemUTC())) {
            journal.attempt(address, messageId, 1);
        }
        return messageId;
    }

    @Test
    void findsTheIssueListAndRecipientOfOneOfOurMessageIds() {
        String id = send(
                "2024.fall",
                "alumni",
                "reader@example.com",
                MessageIds.forList("2024.fall", "alumni", "pdl.example.org", KEY));
        send(
                "2024.fall",
                "pdl-packet",
                "other@example.com",
                MessageIds.forList("2024.fall", "pdl-packet", "pdl.example.org", KEY));

        SentMessages sent = new SentMessages(var.resolve("deliveries"), "pdl.example.org");

        assertThat(sent.find(id)).contains(new SentMessages.Sent("2024.fall", "alumni", "reader@example.com"));
    }

    @Test
    void aJournalLineThatIsNotUtf8DoesNotHideTheMessagesAfterIt() throws Exception {
        MessageIds ids = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", KEY);
        send("2024-fall", "pdl-packet", "first@example.com", ids);
        Path journal = var.resolve("deliveries/2024-fall/pdl-packet.jsonl");
        Files.write(journal, new byte[] {'{', '"', 'x', (byte) 0xC3, 0x28, '"', '}', '\n'}, StandardOpenOption.APPEND);
        String later = send("2024-fall", "pdl-packet", "later@example.com", ids);

        SentMessages sent = new SentMessages(var.resolve("deliveries"), "pdl.example.org");

        assertThat(sent.find(later)).contains(new SentMessages.Sent("2024-fall", "pdl-packet", "later@example.com"));
    }

    @Test
    void findsTestSendsToo() {
        String id = send(
                "2024-fall",
                "test",
                "me@example.org",
                MessageIds.forTest("2024-fall", "20241104T090000Z", "pdl.example.org", KEY));

        assertThat(new SentMessages(var.resolve("deliveries"), "pdl.example.org").find(id))
                .contains(new SentMessages.Sent("2024-fall", "test", "me@example.org"));
    }

    @Test
    void aMessageIdThatIsNotOursOrNotJournaledFindsNothing() throws Exception {
        send(
                "2024-fall",
                "pdl-packet",
                "reader@example.com",
                MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", KEY));
        Files.writeString(
                var.resolve("deliveries/2024-fall/pdl-packet.jsonl"),
                "{\"type\":\"attempt\",\"ema",
                java.nio.file.StandardOpenOption.APPEND);
        SentMessages sent = new SentMessages(var.resolve("deliveries"), "pdl.example.org");

        assertThat(sent.find("<CAF1234@mail.example.com>")).isEmpty();
        assertThat(sent.find("<2024-fall.0123456789abcdef@pdl.example.org>")).isEmpty();
        assertThat(sent.find("<...0123456789abcdef@pdl.example.org>")).isEmpty();
        assertThat(sent.find("<..%2f..%2fetc.0123456789abcdef@x>")).isEmpty();
        assertThat(sent.find(null)).isEmpty();
        assertThat(sent.find("<2024-fall.0123456789abcdef@elsewhere.example.com>"))
                .isEmpty();
        assertThat(sent.isOurs("<2024-fall.0123456789abcdef@PDL.example.org>")).isTrue();
        assertThat(sent.isOurs("<2024-fall.0123456789abcdef@elsewhere.example.com>"))
                .isFalse();
    }

    @Test
    void anIdFromAJournalWrittenBeforeIdsWereKeyedLeadsBackButAnyoneCouldHaveComputedIt() throws Exception {
        String unkeyed = "<2024-fall." + plainHash("pdl-packet\nreader@example.com") + "@pdl.example.org>";
        String unkeyedTest =
                "<2024-fall.test.20241104T090000Z." + plainHash("test\nme@example.org") + "@pdl.example.org>";
        try (DeliveryJournal journal =
                DeliveryJournal.open(var.resolve("deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            journal.attempt("reader@example.com", unkeyed, 1);
        }
        try (DeliveryJournal journal =
                DeliveryJournal.open(var.resolve("deliveries/2024-fall/_test.jsonl"), Clock.systemUTC())) {
            journal.attempt("me@example.org", unkeyedTest, 1);
        }
        String keyed = send(
                "2024-fall",
                "pdl-packet",
                "other@example.com",
                MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", KEY));

        SentMessages sent = new SentMessages(var.resolve("deliveries"), "pdl.example.org");

        assertThat(sent.find(unkeyed)).contains(new SentMessages.Sent("2024-fall", "pdl-packet", "reader@example.com"));
        assertThat(sent.anyoneCouldCompute(unkeyed)).isTrue();
        assertThat(sent.anyoneCouldCompute(unkeyedTest)).isTrue();
        assertThat(sent.anyoneCouldCompute(keyed)).isFalse();
        assertThat(sent.anyoneCouldCompute("<2024-fall.0123456789abcdef@pdl.example.org>"))
                .isFalse();
    }

    @Test
    void anIdFromBeforeIdsWereKeyedIsKnownWhateverTheSpellingOfItsAddress() throws Exception {
        // the old ids hashed the address as the journal holds it: capitals and a non-ASCII local part
        // kept, the domain in ASCII; lower-casing it, as Sent.recipient is, would miss them
        MessageIds keyedIds = MessageIds.forList("2024-fall", "pdl-packet", "pdl.example.org", KEY);
        StringBuilder unkeyed = new StringBuilder();
        StringBuilder keyed = new StringBuilder();
        try (DeliveryJournal journal =
                DeliveryJournal.open(var.resolve("deliveries/2024-fall/pdl-packet.jsonl"), Clock.systemUTC())) {
            for (String given : new String[] {"Ana.Lima@Example.org", "Zoë@bücher.example"}) {
                String address = EmailAddress.parse(given, true).toString();
                String old = "<2024-fall." + plainHash("pdl-packet\n" + address) + "@pdl.example.org>";
                journal.attempt(address, old, 1);
                unkeyed.append(old).append(' ');
                String now = keyedIds.of(EmailAddress.parse(given, true));
                journal.attempt(address, now, 2);
                keyed.append(now).append(' ');
            }
        }

        SentMessages sent = new SentMessages(var.resolve("deliveries"), "pdl.example.org");

        assertThat(unkeyed.toString().split(" ")).allSatisfy(id -> {
            assertThat(sent.find(id)).isPresent();
            assertThat(sent.anyoneCouldCompute(id)).as(id).isTrue();
        });
        assertThat(keyed.toString().split(" ")).allSatisfy(id -> {
            assertThat(sent.find(id)).isPresent();
            assertThat(sent.anyoneCouldCompute(id)).as(id).isFalse();
        });
    }

    private static String plainHash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
