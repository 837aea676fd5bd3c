package dev.newsletter.delivery;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Optional;

/** A typical letter, built into the bytes that go out. */
final class DkimTestMessages {

    private DkimTestMessages() {}

    static Letter letter() {
        return new Letter(
                Mailbox.parse("The PDL Packet <packet@pdl.example.org>"),
                Optional.of(EmailAddress.parse("editor@pdl.example.org")),
                new Mailbox("Zoë Müller", EmailAddress.parse("zoe.mueller@example.org")),
                new Letter.Content(
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
        return factory.build(letter).bytes();
    }
}
