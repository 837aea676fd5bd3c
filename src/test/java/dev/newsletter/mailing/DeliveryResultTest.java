package dev.newsletter.mailing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryResultTest {
    @Test
    void classifiesRepliesByCode() {
        assertThat(DeliveryResult.ofReply(250, "250 2.0.0 Ok: queued as 4F1").outcome())
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(DeliveryResult.ofReply(451, "451 4.7.1 greylisted").outcome())
                .isEqualTo(Outcome.DEFERRED);
        assertThat(DeliveryResult.ofReply(421, "421 4.3.2 closing").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(DeliveryResult.ofReply(550, "550 5.1.1 unknown").outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(DeliveryResult.ofReply(-1, "[EOF]").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void readsTheEnhancedStatusAndMarksOnly5_1AsHardBounce() {
        DeliveryResult unknown = DeliveryResult.ofReply(550, "550 5.1.1 <a@example.org>: user unknown");
        assertThat(unknown.enhancedStatus()).isEqualTo("5.1.1");
        assertThat(unknown.isHardBounce()).isTrue();
        assertThat(DeliveryResult.ofReply(552, "552 5.2.2 mailbox full").isHardBounce())
                .isFalse();
        assertThat(DeliveryResult.ofReply(550, "550-5.1.1 first line").enhancedStatus())
                .isEqualTo("5.1.1");
        assertThat(DeliveryResult.ofReply(550, "550 no status here").enhancedStatus())
                .isEmpty();
    }

    @Test
    void notFinalKeepsTheReplyButIsRetried() {
        DeliveryResult refused = DeliveryResult.ofReply(554, "554 5.7.1 spam");
        assertThat(refused.notFinal().outcome().isFinal()).isFalse();
        assertThat(refused.notFinal().code()).isEqualTo(554);
    }
}
