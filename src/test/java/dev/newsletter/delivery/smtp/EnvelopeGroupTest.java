package dev.newsletter.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The pipelined MAIL FROM, RCPT TO and DATA, worded and encoded as Angus sends them one by one. */
class EnvelopeGroupTest {
    @Test
    void threeCommandsEachEndedByCrlfWithTheAddressesInAngleBrackets() {
        byte[] group = EnvelopeGroup.of("bounces+abc@sender.example.org", "ann@example.org", false, false);

        assertThat(new String(group, StandardCharsets.US_ASCII))
                .isEqualTo("MAIL FROM:<bounces+abc@sender.example.org>\r\nRCPT TO:<ann@example.org>\r\nDATA\r\n");
    }

    @Test
    void smtputf8IsAddedToMailFromAndTheCommandsGoInUtf8() {
        byte[] group = EnvelopeGroup.of("news@sender.example.org", "jos\u00e9@example.org", true, true);

        assertThat(new String(group, StandardCharsets.UTF_8))
                .isEqualTo(
                        "MAIL FROM:<news@sender.example.org> SMTPUTF8\r\nRCPT TO:<jos\u00e9@example.org>\r\nDATA\r\n");
    }

    @Test
    void anAddressAlreadyInAngleBracketsIsNotBracketedTwice() {
        byte[] group = EnvelopeGroup.of("<news@sender.example.org>", "ann@example.org", false, false);

        assertThat(new String(group, StandardCharsets.US_ASCII)).startsWith("MAIL FROM:<news@sender.example.org>\r\n");
    }

    @Test
    void aLineBreakInAnAddressIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> EnvelopeGroup.of(
                        "news@sender.example.org", "ann@example.org>\r\nRCPT TO:<evil@example.com", false, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnvelopeGroup.of("news@sender.example.org\n", "ann@example.org", false, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
