package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.ReturnPathTemplate;
import dev.newsletter.mailing.MessageIds;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** VERP tokens: short, lower-case base32, bound by their MAC to one message and recipient. */
class ReturnPathTokensTest {
    private static final ReturnPathTemplate TEMPLATE = ReturnPathTemplate.parse("bounces+{token}@pdl.example.org");
    private static final ReturnPathTokens TOKENS =
            new ReturnPathTokens(TEMPLATE, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static final EmailAddress ANA = EmailAddress.parse("Ana.Lima@Example.org");
    private static final String ID = MessageIds.forList(
                    "2024-fall",
                    "pdl-packet",
                    "pdl.example.org",
                    "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .of(ANA);

    @Test
    void theSenderCarriesA32CharacterLowerCaseBase32Token() {
        EmailAddress sender = TOKENS.sender("2024-fall", ID, ANA);

        assertThat(sender.toString()).matches("bounces\\+[a-z2-7]{32}@pdl\\.example\\.org");
        assertThat(sender.localPart()).hasSizeLessThanOrEqualTo(64);
        assertThat(TOKENS.sender("2024-fall", ID, ANA)).isEqualTo(sender).as("deterministic");
    }

    @Test
    void aTokenVerifiesForItsMessageAndRecipientInAnyCaseAndNothingElse() {
        String sender = TOKENS.sender("2024-fall", ID, ANA).toString();

        ReturnPathTokens.Claim claim =
                TOKENS.claim(sender.toUpperCase(Locale.ROOT)).orElseThrow();

        assertThat(claim.issueTag()).isEqualTo(ReturnPathTokens.issueTag("2024-fall"));
        assertThat(ID).contains("." + claim.idHash() + "@");
        assertThat(TOKENS.verifies(claim, ID, "ana.lima@example.org")).isTrue();
        assertThat(TOKENS.verifies(claim, ID, "zoe.mueller@example.org")).isFalse();
        assertThat(TOKENS.verifies(claim, ID.replace("2024-fall", "2025-spring"), "ana.lima@example.org"))
                .isFalse();
        ReturnPathTokens otherSecret =
                new ReturnPathTokens(TEMPLATE, "another-secret-of-32-bytes-xxxxx".getBytes(StandardCharsets.UTF_8));
        assertThat(otherSecret.verifies(claim, ID, "ana.lima@example.org")).isFalse();
    }

    @Test
    void everyAlteredCharacterBreaksTheToken() {
        String sender = TOKENS.sender("2024-fall", ID, ANA).toString();
        int start = "bounces+".length();
        for (int i = start; i < start + 32; i++) {
            char c = sender.charAt(i);
            String altered = sender.substring(0, i) + (c == 'a' ? 'b' : 'a') + sender.substring(i + 1);
            boolean verifies = TOKENS.claim(altered)
                    .filter(claim -> claim.issueTag() == ReturnPathTokens.issueTag("2024-fall"))
                    .filter(claim -> ID.contains("." + claim.idHash() + "@"))
                    .filter(claim -> TOKENS.verifies(claim, ID, "ana.lima@example.org"))
                    .isPresent();
            assertThat(verifies).as("altered at %d: %s", i, altered).isFalse();
        }
    }

    @Test
    void refusesWhatIsNotAToken() {
        assertThat(TOKENS.claim("bounces+" + "1".repeat(32) + "@pdl.example.org"))
                .isEmpty();
        assertThat(TOKENS.claim("bounces+" + "a".repeat(31) + "@pdl.example.org"))
                .isEmpty();
        assertThat(TOKENS.claim("bounces@pdl.example.org")).isEmpty();
        assertThat(TOKENS.claim("ana.lima@example.org")).isEmpty();
    }

    @Test
    void base32RoundTrips() {
        byte[] bytes = new byte[20];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 250);
        }
        String text = ReturnPathTokens.base32(bytes);

        assertThat(text).hasSize(32).matches("[a-z2-7]+");
        assertThat(ReturnPathTokens.decode(text))
                .hasValueSatisfying(back -> assertThat(back).isEqualTo(bytes));
        assertThat(ReturnPathTokens.decode(text.toUpperCase(Locale.ROOT)))
                .hasValueSatisfying(back -> assertThat(back).isEqualTo(bytes));
    }
}
