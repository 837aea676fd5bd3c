package dev.newsletter.delivery;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.OutgoingMessage;

/**
 * Sends nothing, for {@code send --dry-run}: every message has been composed (rendered, built and,
 * with DKIM configured, signed) as for a real send; here it is taken as accepted.
 */
public final class DryRunMailer implements Mailer {

    private DryRunMailer() {}

    public static Mailer.Factory factory() {
        return DryRunMailer::new;
    }

    @Override
    public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
        return DeliveryResult.ofReply(250, "250 dry run: not sent");
    }

    @Override
    public void close() {}
}
