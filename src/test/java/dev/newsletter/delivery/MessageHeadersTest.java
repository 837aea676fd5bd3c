package dev.newsletter.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.mailing.Letter;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The To field alone ({@link MessageHeaders#to}), which the pre-send check builds for every
 * recipient, is the To field of the whole set the send builds; a field's longest line is measured
 * as it goes out.
 */
class MessageHeadersTest {
    private static final String[] NAMES = {
        "",
        "Ann",
        "Priya Raman, PhD",
        "Dr. O'Neil, Jr. (\"Ed\") \\ back",
        "Zoë Müller",
        "語".repeat(180),
        "word ".repeat(40).strip(),
        "N".repeat(200),
        "=?utf-8?q?Your_Bank?=",
        "tab\there",
    };

    @Test
    void theToFieldAloneIsTheToFieldOfTheWholeSet() {
        for (String name : NAMES) {
            for (String address :
                    new String[] {"zoe@example.org", "l".repeat(64) + "@" + "d".repeat(63) + ".example.org"}) {
                Mailbox to = new Mailbox(name, EmailAddress.parse(address));

                MessageHeaders.Field alone = MessageHeaders.to(to);

                assertThat(new MessageHeaders().of(letter(to)))
                        .as(name)
                        .filteredOn(field -> field.name().equals(MessageHeaders.TO))
                        .containsExactly(alone);
            }
        }
    }

    @Test
    void theToFieldAloneRefusesWhatTheWholeSetRefuses() {
        Mailbox to = new Mailbox("Ann\u0000Bcc: x@example.net", EmailAddress.parse("ann@example.org"));

        assertThatThrownBy(() -> MessageHeaders.to(to))
                .isInstanceOf(HeaderInjectionException.class)
                .hasMessage("display name contains a line break or control character: refused, nothing sent");
        assertThatThrownBy(() -> new MessageHeaders().of(letter(to)))
                .isInstanceOf(HeaderInjectionException.class)
                .hasMessage("display name contains a line break or control character: refused, nothing sent");
    }

    @Test
    void theLongestLineIsMeasuredOnTheFieldAsItGoesOut() {
        for (String name : NAMES) {
            Mailbox to = new Mailbox(name, EmailAddress.parse("l".repeat(64) + "@" + "d".repeat(63) + ".example.org"));
            for (MessageHeaders.Field field : new MessageHeaders().of(letter(to))) {
                int expected = Arrays.stream(field.line().split("\r\n", -1))
                        .mapToInt(String::length)
                        .max()
                        .orElseThrow();

                assertThat(field.longestLine()).as(field.line()).isEqualTo(expected);
            }
        }
        assertThat(new MessageHeaders.Field("X", "").longestLine()).isEqualTo(3);
        assertThat(new MessageHeaders.Field("X", "a\r\n bcdef\r\n g").longestLine())
                .isEqualTo(6);
    }

    private static Letter letter(Mailbox to) {
        return new Letter(
                Mailbox.parse("The PDL Packet <packet@pdl.example.org>"),
                Optional.of(EmailAddress.parse("editor@pdl.example.org")),
                to,
                new Letter.Content("Fall", "<p>x</p>\n", "x\n"),
                "<2024-fall.abc@pdl.example.org>",
                ZonedDateTime.parse("2026-11-01T09:00:00Z"),
                "The Packet <packet.pdl.example.org>",
                URI.create("https://pdl.example.org/unsubscribe?t=abc"),
                Optional.of(URI.create("mailto:unsubscribe@pdl.example.org?subject=unsubscribe-abc")));
    }
}
