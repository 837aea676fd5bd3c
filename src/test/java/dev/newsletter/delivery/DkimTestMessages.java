package dev.newsletter.delivery;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import dev.newsletter.render.RenderedEmail;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Properties;

/** A typical letter, built into bytes the way the mailer sends them. */
final class DkimTestMessages {
    static final Session SESSION = Session.getInstance(new Properties());

    private DkimTestMessages() {}

    static Letter letter() {
        return new Letter(
                Mailbox.parse("The PDL Packet <packet@pdl.example.org>"),
                Optional.of(EmailAddress.parse("editor@pdl.example.org")),
                new Mailbox("Zoë Müller", EmailAddress.parse("zoe.mueller@example.org")),
                new RenderedEmail(
                        "The PDL Packet — Fall 2024",
                        "<!DOCTYPE html>\n<html><body><p>Dear Zoë,   welcome.</p>\n<p>"
                                + "x".repeat(1200)
                                + "</p>\n\n\n</body></html>\n",
                        "Dear Zoë,\n\nwelcome.  \t Trailing spaces   \n\nUnsubscribe: https://pdl.example.org/newsletter/unsubscribe?t=abc\n\n\n"),
                "<2024-fall.abc@pdl.example.org>",
                ZonedDateTime.parse("2024-11-01T09:00:00+01:00[Europe/Amsterdam]"),
                "The PDL Packet <packet.pdl.example.org>",
                URI.create("https://pdl.example.org/newsletter/unsubscribe?t=abc.def"),
                Optional.of(URI.create("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-abc.def")));
    }

    static byte[] bytes(MessageFactory factory, Letter letter) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            factory.create(SESSION, letter).writeTo(out);
            return out.toByteArray();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
