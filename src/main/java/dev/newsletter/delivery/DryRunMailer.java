package dev.newsletter.delivery;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import jakarta.mail.Session;
import java.util.Properties;

/** Builds every MIME message as a real send would, then sends nothing: for {@code send --dry-run}. */
public final class DryRunMailer implements Mailer {
    private final Session session = MailSessions.of(new Properties());
    private final MessageFactory messages;

    private DryRunMailer(MessageFactory messages) {
        this.messages = messages;
    }

    /** Builds (and, with DKIM configured, signs) every message with {@code messages}, as a real send would. */
    public static Mailer.Factory factory(MessageFactory messages) {
        return () -> new DryRunMailer(messages);
    }

    @Override
    public DeliveryResult send(Letter letter, DataEnd dataEnd) {
        messages.create(session, letter);
        return DeliveryResult.ofReply(250, "250 dry run: not sent");
    }

    @Override
    public void close() {}
}
