package dev.newsletter.signup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Confirmation tokens: bound to list, address and expiry; anything else is refused. */
class ConfirmTokensTest {
    private static final ConfirmTokens TOKENS =
            new ConfirmTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ROBIN = EmailAddress.parse("Robin@Example.org");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aTokenConfirmsItsListAndAddressUntilItExpires() {
        String token = TOKENS.token("pdl-packet", ROBIN, NOW.plusSeconds(60));

        assertThat(TOKENS.verify(token, NOW))
                .isEqualTo(new ConfirmTokens.Valid("pdl-packet", ROBIN, NOW.plusSeconds(60)));
        assertThat(TOKENS.verify(token, NOW.plusSeconds(60))).isEqualTo(new ConfirmTokens.Expired("pdl-packet", ROBIN));
    }

    @Test
    void aChangedListAddressOrExpiryIsInvalid() {
        String token = TOKENS.token("pdl-packet", ROBIN, NOW.plusSeconds(60));
        String mac = token.substring(token.indexOf('.'));
        for (String payload : new String[] {
            "other\nRobin@example.org\n" + NOW.plusSeconds(60).getEpochSecond(),
            "pdl-packet\nmallory@example.org\n" + NOW.plusSeconds(60).getEpochSecond(),
            "pdl-packet\nRobin@example.org\n" + NOW.plusSeconds(999_999).getEpochSecond()
        }) {
            String altered =
                    Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                            + mac;
            assertThat(TOKENS.verify(altered, NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        }
    }

    @Test
    void anotherSecretPaddingJunkAndHugeTokensAreInvalid() {
        String token = TOKENS.token("pdl-packet", ROBIN, NOW.plusSeconds(60));
        ConfirmTokens other = new ConfirmTokens("another secret of sixteen bytes+".getBytes(StandardCharsets.UTF_8));

        assertThat(other.verify(token, NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        assertThat(TOKENS.verify(token + "=", NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        assertThat(TOKENS.verify("a.b.c", NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        assertThat(TOKENS.verify("", NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        assertThat(TOKENS.verify(null, NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
        assertThat(TOKENS.verify("a".repeat(5000) + ".b", NOW)).isInstanceOf(ConfirmTokens.Invalid.class);
    }
}
