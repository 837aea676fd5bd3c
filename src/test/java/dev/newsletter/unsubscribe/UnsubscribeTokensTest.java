package dev.newsletter.unsubscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final EmailAddress ANN = EmailAddress.parse("ann@example.org");

    private final UnsubscribeTokens tokens = new UnsubscribeTokens(SECRET);

    @Test
    void aTokenVerifiesToItsListAndAddress() {
        String token = tokens.token("pdl-packet", ANN);

        assertThat(tokens.verify(token)).contains(new UnsubscribeTokens.Subject("pdl-packet", ANN));
    }

    @Test
    void tokensAreUrlSafeAndStable() {
        String token = tokens.token("pdl-packet", ANN);

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        assertThat(tokens.token("pdl-packet", ANN)).isEqualTo(token);
        assertThat(tokens.token("alumni", ANN)).isNotEqualTo(token);
    }

    @Test
    void idnAddressesRoundTripInAsciiForm() {
        EmailAddress idn = EmailAddress.parse("zoe@bücher.example");

        assertThat(tokens.verify(tokens.token("pdl-packet", idn))
                        .map(s -> s.address().toString()))
                .contains("zoe@xn--bcher-kva.example");
    }

    @Test
    void aTokenMadeWithAnotherSecretIsRefused() {
        UnsubscribeTokens other =
                new UnsubscribeTokens("another secret, also 32 bytes ok".getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.verify(other.token("pdl-packet", ANN))).isEmpty();
    }

    @Test
    void aTokenWhosePayloadWasSwappedForAnotherAddressIsRefused() {
        String token = tokens.token("pdl-packet", ANN);
        String forgedPayload = b64("pdl-packet\nvictim@example.org");

        assertThat(tokens.verify(forgedPayload + token.substring(token.indexOf('.'))))
                .isEmpty();
    }

    @Test
    void everySingleCharacterChangeIsRefused() {
        String token = tokens.token("pdl-packet", ANN);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                continue;
            }
            char replacement = alphabet.charAt((alphabet.indexOf(token.charAt(i)) + 1) % alphabet.length());
            String altered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(tokens.verify(altered))
                    .as("altered at %d: %s", i, altered)
                    .isEmpty();
        }
    }

    @Test
    void malformedTokensAreRefusedWithoutExceptions() {
        String token = tokens.token("pdl-packet", ANN);
        String mac = token.substring(token.indexOf('.') + 1);

        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("")).isEmpty();
        assertThat(tokens.verify(".")).isEmpty();
        assertThat(tokens.verify("." + mac)).isEmpty();
        assertThat(tokens.verify(token + ".")).isEmpty();
        assertThat(tokens.verify(token + "=")).isEmpty();
        assertThat(tokens.verify(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(tokens.verify(" " + token)).isEmpty();
        assertThat(tokens.verify("%%%." + mac)).isEmpty();
        assertThat(tokens.verify("A".repeat(UnsubscribeTokens.MAX_TOKEN_LENGTH + 1)))
                .isEmpty();
        assertThat(tokens.verify(token.replace('.', ','))).isEmpty();
    }

    @Test
    void aPaddedSpellingOfAValidTokenIsRefused() {
        String token = tokens.token("pdl-packet", ANN);
        String payload = token.substring(0, token.indexOf('.'));
        String mac = token.substring(token.indexOf('.') + 1);

        assertThat(tokens.verify(payload + "=." + mac)).isEmpty();
        assertThat(tokens.verify(payload + "." + mac + "=")).isEmpty();
    }

    @Test
    void aMacOverTheBarePayloadIsNotAToken() throws Exception {
        // Another feature that MACs "list LF address" with the same secret must not mint unsubscribe tokens.
        byte[] payload = "pdl-packet\nann@example.org".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        String bare =
                b64(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload));

        assertThat(tokens.verify(bare)).isEmpty();
    }

    @Test
    void listNamesThatWouldMakeThePayloadAmbiguousAreRefused() {
        assertThatThrownBy(() -> tokens.token("", ANN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.token("a\nb", ANN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new UnsubscribeTokens(new byte[15]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 bytes");
    }

    @Test
    void theSecretArrayIsCopied() {
        byte[] secret = SECRET.clone();
        UnsubscribeTokens copy = new UnsubscribeTokens(secret);
        String token = copy.token("pdl-packet", ANN);
        java.util.Arrays.fill(secret, (byte) 0);

        assertThat(copy.verify(token)).isEqualTo(Optional.of(new UnsubscribeTokens.Subject("pdl-packet", ANN)));
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
