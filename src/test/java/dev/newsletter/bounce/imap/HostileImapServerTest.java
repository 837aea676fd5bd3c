package dev.newsletter.bounce.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.bounce.MailboxUnavailableException;
import dev.newsletter.config.InboxSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the IMAP login does with a server that does not play by the rules. */
class HostileImapServerTest {
    private static final String PASSWORD = "s3cret-inbox-password";

    private static InboxSettings settings(InboxSettings.Tls tls, int port) {
        return new InboxSettings("127.0.0.1", port, tls, "bounces", "PW", null, null, null, null, null, null, 5);
    }

    /**
     * A man in the middle on port 143 greets with PREAUTH ("you are logged in already"): no login, so
     * no STARTTLS either, and every bounce would be read in clear from whoever answered. starttls-required
     * means nothing is read without TLS.
     */
    @Test
    void starttlsRequiredRefusesAPreauthenticatedGreetingInClear() throws Exception {
        try (ScriptedImapServer server =
                new ScriptedImapServer("* PREAUTH [CAPABILITY IMAP4rev1] welcome back\r\n", line -> {
                    String tag = line.split(" ", 2)[0];
                    return line.toUpperCase(java.util.Locale.ROOT).contains("CAPABILITY")
                            ? "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n"
                            : tag + " OK done\r\n";
                })) {
            ImapLogin login = ImapLogin.withPassword(
                    settings(InboxSettings.Tls.STARTTLS_REQUIRED, server.port()), PASSWORD, Optional.empty());

            assertThatThrownBy(() -> login.connect().close())
                    .isInstanceOf(MailboxUnavailableException.class)
                    .hasMessageContaining("STARTTLS")
                    .message()
                    .doesNotContain(PASSWORD);
            assertThat(server.received()).noneMatch(l -> l.contains(PASSWORD));
        }
    }
}
