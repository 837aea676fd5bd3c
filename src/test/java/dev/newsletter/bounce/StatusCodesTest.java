package dev.newsletter.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Status codes in free text: the real ones, not versions, addresses or dates. */
class StatusCodesTest {
    private static String enhanced(String text) {
        StatusCodes.Found found = StatusCodes.enhanced(text);
        return found == null ? null : found.code();
    }

    @Test
    void findsTheCodeThatFollowsAReplyCodeFirst() {
        assertThat(enhanced("Exim 4.94.2 says: 550-5.1.1 The email account does not exist"))
                .isEqualTo("5.1.1");
        assertThat(enhanced("#550 5.1.10 RESOLVER.ADR.RecipientNotFound")).isEqualTo("5.1.10");
        assertThat(enhanced("Remote host said: 550 sorry, no mailbox here by that name. (#5.1.1)"))
                .isEqualTo("5.1.1");
        assertThat(enhanced("status 5.2.2 then 550 5.1.1 later")).isEqualTo("5.1.1");
    }

    @Test
    void aRelayQuotingTheRemoteReplyInQuotesStillPairsItsCodes() {
        // a relay's own generic code first, then the remote server's reply it quotes
        assertThat(enhanced("5.1.0 - Unknown address error 550-'5.2.2 <ana@example.com>... Mailbox full'"))
                .isEqualTo("5.2.2");
        assertThat(enhanced("5.0.0 relay said: 550 \"5.7.1 blocked\"")).isEqualTo("5.7.1");
    }

    @Test
    void versionsAddressesAndSuccessCodesAreNotStatusCodes() {
        assertThat(enhanced("Postfix 3.4.2 on host 192.0.2.1 and 5.1.1.1, version 4.94.2"))
                .isNull();
        assertThat(enhanced("250 2.0.0 Ok: queued")).isNull();
        assertThat(StatusCodes.reply("SMTP on port 25, 2024-11-04")).isNull();
    }

    @Test
    void findsABareReplyCode() {
        assertThat(StatusCodes.reply("host said: 554 delivery error").code()).isEqualTo("554");
        assertThat(StatusCodes.field("5.01.001 (user unknown)")).isEqualTo("5.1.1");
        assertThat(StatusCodes.field("unknown")).isNull();
    }
}
