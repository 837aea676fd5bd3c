package dev.newsletter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.delivery.smtp.SmtpPath;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.Outcome;
import dev.newsletter.mailing.OutgoingMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The fast SMTP path (delivery.smtp) is an optimisation of the plain Angus path: the same messages
 * sent through each arrive as the same bytes, exactly the bytes the composer built, with the same
 * SMTP commands; and {@code NEWSLETTER_PLAIN_SMTP=1} is the switch that picks the plain one.
 */
class SmtpPathsIT {
    private static final MessageFactory MESSAGES = new MessageFactory();

    @Test
    void theFastAndThePlainPathPutTheSameBytesOnTheWire() {
        List<OutgoingMessage> messages = List.of(
                message("ann@example.org", "Ann", "plain text\n.a line with a leading dot\n.\n..\nend\n"),
                message("bob@example.org", "Bob", "Grüße, " + "x".repeat(2_000) + "\n.\n"),
                message("cy@example.org", "", "."));

        Sent fast = sendAll(SmtpPath.FAST, messages);
        Sent plain = sendAll(SmtpPath.PLAIN, messages);

        assertThat(fast.data()).hasSize(3).isEqualTo(plain.data());
        assertThat(fast.commands()).isEqualTo(plain.commands());
        for (int i = 0; i < messages.size(); i++) {
            assertThat(fast.data().get(i))
                    .as("message %d as composed", i)
                    .isEqualTo(new String(messages.get(i).bytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void theSwitchIsOneEnvironmentVariable() {
        assertThat(SmtpPath.of(Map.of())).isEqualTo(SmtpPath.FAST);
        assertThat(SmtpPath.of(Map.of("NEWSLETTER_PLAIN_SMTP", "0"))).isEqualTo(SmtpPath.FAST);
        assertThat(SmtpPath.of(Map.of("NEWSLETTER_PLAIN_SMTP", "1"))).isEqualTo(SmtpPath.PLAIN);
        assertThat(SmtpPath.of(Map.of("NEWSLETTER_PLAIN_SMTP", "true"))).isEqualTo(SmtpPath.PLAIN);
    }

    private record Sent(List<String> data, List<String> commands) {}

    /** Sends every message over one connection of {@code path}, to a fresh server. */
    private static Sent sendAll(SmtpPath path, List<OutgoingMessage> messages) {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.start(new ScriptedSmtpServer.Script() {})) {
            SmtpEndpoint endpoint =
                    SmtpEndpoint.loopback(server.port(), Duration.ofSeconds(30), "sender.example.org", false);
            try (Mailer mailer = new SmtpMailer(endpoint, path)) {
                for (OutgoingMessage message : messages) {
                    DeliveryResult result = mailer.send(message);
                    assertThat(result.outcome()).as(result.reply()).isEqualTo(Outcome.ACCEPTED);
                }
            }
            // every message was answered before send returned; the QUIT of close() may not have arrived yet
            return new Sent(
                    server.accepted().stream()
                            .map(ScriptedSmtpServer.Received::data)
                            .toList(),
                    server.commands().stream()
                            .filter(command -> !command.endsWith(" QUIT"))
                            .toList());
        }
    }

    private static OutgoingMessage message(String to, String name, String text) {
        return MESSAGES.build(new Letter(
                Mailbox.parse("The Packet <news@sender.example.org>"),
                Optional.empty(),
                new Mailbox(name, EmailAddress.parse(to)),
                new Letter.Content("Fall — the packet", "<p>.hi</p>\n.<p>x</p>\n", text),
                "<fall." + to.hashCode() + "@sender.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <list.sender.example.org>",
                URI.create("https://sender.example.org/unsubscribe?t=x"),
                Optional.empty()));
    }
}
