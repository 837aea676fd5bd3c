package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our RSA signatures, checked by an independent verifier (Apache jDKIM) against the published record. */
class DkimSignerTest {
    private static KeyPair pair;
    private static DkimSigner signer;
    private static DkimRecord record;

    @BeforeAll
    static void makeKey() {
        pair = DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048);
        DkimKey key = DkimKey.parse(DkimKey.pem(pair.getPrivate()), Optional.empty());
        signer = new DkimSigner(key, "pdl.example.org", "packet");
        record = new DkimRecord(DkimAlgorithm.RSA_SHA256, pair.getPublic());
    }

    @Test
    void aSignedMessageVerifiesWithAnIndependentVerifier() throws Exception {
        byte[] message = signedMessage();

        List<SignatureRecord> valid = verify(message, record.text());

        assertThat(valid).hasSize(1);
        assertThat(valid.get(0).getDToken().toString()).isEqualTo("pdl.example.org");
        assertThat(valid.get(0).getSelector().toString()).isEqualTo("packet");
    }

    @Test
    void theSignatureIsRelaxedSha256WithoutALengthTag() {
        String header = dkimHeader(signedMessage());

        assertThat(header)
                .contains("a=rsa-sha256")
                .contains("c=relaxed/relaxed")
                .doesNotContain(" l=");
    }

    @Test
    void everyRequiredHeaderIsSignedAndTheRiskyOnesOnceMoreThanTheyOccur() throws Exception {
        SignatureRecord sig = verify(signedMessage(), record.text()).get(0);
        List<String> h = sig.getHeaders().stream().map(CharSequence::toString).toList();

        assertThat(h)
                .contains(
                        "from",
                        "to",
                        "subject",
                        "date",
                        "message-id",
                        "mime-version",
                        "content-type",
                        "list-id",
                        "list-unsubscribe",
                        "list-unsubscribe-post");
        assertThat(h.stream().filter("from"::equals)).hasSize(2);
        assertThat(h.stream().filter("list-unsubscribe"::equals)).hasSize(2);
        assertThat(h.stream().filter("list-unsubscribe-post"::equals)).hasSize(2);
    }

    @Test
    void aHeaderAddedAfterSigningBreaksTheSignature() {
        String message = new String(signedMessage(), StandardCharsets.ISO_8859_1);
        for (String added : new String[] {
            "List-Unsubscribe: <https://evil.example.com/unsubscribe>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "From: Evil <evil@example.com>",
            "Subject: Urgent: verify your account",
            "Reply-To: evil@example.com"
        }) {
            int body = message.indexOf("\r\n\r\n");
            String tampered = message.substring(0, body) + "\r\n" + added + message.substring(body);
            assertThat(verifies(tampered.getBytes(StandardCharsets.ISO_8859_1), record.text()))
                    .as("added %s", added)
                    .isFalse();
        }
    }

    @Test
    void aHeaderAddedAtTheTopBreaksTheSignatureToo() {
        byte[] message = signedMessage();
        byte[] tampered = ("From: Evil <evil@example.com>\r\n" + new String(message, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(verifies(tampered, record.text())).isFalse();
    }

    @Test
    void aChangedBodyBreaksTheSignature() {
        String message = new String(signedMessage(), StandardCharsets.ISO_8859_1);
        String tampered = message.replace("welcome.", "welcome!");

        assertThat(tampered).isNotEqualTo(message);
        assertThat(verifies(tampered.getBytes(StandardCharsets.ISO_8859_1), record.text()))
                .isFalse();
    }

    @Test
    void headerAddedThatIsNotSignedKeepsTheSignature() {
        // A relay adding a Received line must not break it.
        String message = new String(signedMessage(), StandardCharsets.ISO_8859_1);
        String relayed =
                "Received: from relay.example.org by mx.example.com; Fri, 1 Nov 2024 09:00:01 +0100\r\n" + message;

        assertThat(verifies(relayed.getBytes(StandardCharsets.ISO_8859_1), record.text()))
                .isTrue();
    }

    @Test
    void anotherKeyInTheRecordDoesNotVerify() {
        KeyPair other = DkimKey.generate(DkimAlgorithm.RSA_SHA256, 2048);

        assertThat(verifies(signedMessage(), new DkimRecord(DkimAlgorithm.RSA_SHA256, other.getPublic()).text()))
                .isFalse();
    }

    @Test
    void theSignedMessageHasCrlfLineEndsAndNoLineOver998() {
        String message = new String(signedMessage(), StandardCharsets.ISO_8859_1);

        assertThat(message).doesNotContainPattern("[^\r]\n").doesNotContainPattern("\r[^\n]");
        assertThat(message.split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(dkimHeader(signedMessage()).split("\r\n"))
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void signingTheSameBytesTwiceGivesTheSameSignature() {
        byte[] unsigned = DkimTestMessages.bytes(new MessageFactory(), DkimTestMessages.letter());
        java.util.Optional<java.time.Instant> time =
                java.util.Optional.of(java.time.Instant.parse("2024-11-01T08:00:00Z"));

        assertThat(java.util.Arrays.equals(signer.sign(unsigned, time), signer.sign(unsigned, time)))
                .isTrue();
    }

    private static byte[] signedMessage() {
        return DkimTestMessages.bytes(new MessageFactory(Optional.of(signer)), DkimTestMessages.letter());
    }

    private static String dkimHeader(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("DKIM-Signature:");
        int end = text.indexOf("\r\n", 0);
        while (text.charAt(end + 2) == '\t' || text.charAt(end + 2) == ' ') {
            end = text.indexOf("\r\n", end + 2);
        }
        return text.substring(0, end);
    }

    static List<SignatureRecord> verify(byte[] message, String txtRecord) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("packet");
            assertThat(domain.toString()).isEqualTo("pdl.example.org");
            return List.of(txtRecord);
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(message));
        return valid == null ? List.of() : valid;
    }

    static boolean verifies(byte[] message, String txtRecord) {
        try {
            return !verify(message, txtRecord).isEmpty();
        } catch (FailException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
