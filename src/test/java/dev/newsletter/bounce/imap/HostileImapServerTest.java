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

    /**
     * The server answers NO when asked for a message (a server fault, a message it cannot open): Angus
     * then gives an empty stream, which must not become an empty message that is classified, recorded
     * as processed and moved to the done folder unread. It is unreadable and stays in the folder.
     */
    @Test
    void aFetchTheServerRefusesIsUnreadableAndNotMoved() throws Exception {
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1] ready\r\n", line -> {
            String tag = line.split(" ", 2)[0];
            String command = line.substring(tag.length()).strip().toUpperCase(java.util.Locale.ROOT);
            if (command.startsWith("CAPABILITY")) {
                return "* CAPABILITY IMAP4rev1\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("LIST")) {
                String name = line.substring(line.lastIndexOf(' ') + 1);
                return "* LIST () \"/\" " + name + "\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("EXAMINE") || command.startsWith("SELECT")) {
                return "* FLAGS ()\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] ok\r\n" + tag
                        + (command.startsWith("EXAMINE") ? " OK [READ-ONLY] done\r\n" : " OK [READ-WRITE] done\r\n");
            }
            if (command.startsWith("FETCH") && command.contains("(UID)")) {
                return "* 1 FETCH (UID 7)\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("FETCH")) {
                return tag + " NO \u001b]0;owned\u0007\u001b[2J refused\r\n";
            }
            if (command.startsWith("LOGOUT")) {
                return "* BYE bye\r\n" + tag + " OK done\r\n";
            }
            return tag + " OK done\r\n";
        })) {
            java.util.List<String> read = new java.util.ArrayList<>();
            java.util.List<String> problems = new java.util.ArrayList<>();
            ImapMailbox mailbox = ImapMailbox.moving(ImapLogin.withPassword(
                    settings(InboxSettings.Tls.NONE, server.port()), PASSWORD, Optional.empty()));
            mailbox.forEach(
                    (source, content) -> {
                        read.add(source);
                        mailbox.processed(source);
                    },
                    (source, problem) -> problems.add(source + ": " + problem.getMessage()));

            assertThat(read).isEmpty();
            assertThat(problems)
                    .singleElement()
                    .asString()
                    .startsWith("imap:7: ")
                    .doesNotContainPattern("\\p{Cntrl}");
            assertThat(server.received()).noneMatch(l -> l.contains("MOVE") || l.contains("COPY"));
        }
    }

    /**
     * The server hands over the first block of a big message and refuses the next (NO): Angus ends the
     * stream there, and a cut message must not be classified, recorded and moved as if it were whole.
     */
    @Test
    void aMessageCutAtABlockTheServerRefusesIsUnreadableAndNotMoved() throws Exception {
        StringBuilder block = new StringBuilder("Subject: big\r\n\r\n");
        while (block.length() < ImapSessions.FETCH_SIZE) {
            block.append('a');
        }
        try (ScriptedImapServer server = new ScriptedImapServer("* OK [CAPABILITY IMAP4rev1] ready\r\n", line -> {
            String tag = line.split(" ", 2)[0];
            String command = line.substring(tag.length()).strip().toUpperCase(java.util.Locale.ROOT);
            if (command.startsWith("LIST")) {
                String name = line.substring(line.lastIndexOf(' ') + 1);
                return "* LIST () \"/\" " + name + "\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("SELECT")) {
                return "* FLAGS ()\r\n* 1 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1] ok\r\n" + tag
                        + " OK [READ-WRITE] done\r\n";
            }
            if (command.startsWith("FETCH") && command.contains("(UID")) {
                return "* 1 FETCH (UID 7 RFC822.SIZE 3000000)\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("FETCH") && command.contains("<0.")) {
                return "* 1 FETCH (BODY[]<0> {" + block.length() + "}\r\n" + block + ")\r\n" + tag + " OK done\r\n";
            }
            if (command.startsWith("FETCH")) {
                return tag + " NO cannot read the rest\r\n";
            }
            return tag + " OK done\r\n";
        })) {
            java.util.List<String> read = new java.util.ArrayList<>();
            java.util.List<String> problems = new java.util.ArrayList<>();
            ImapMailbox mailbox = ImapMailbox.moving(ImapLogin.withPassword(
                    settings(InboxSettings.Tls.NONE, server.port()), PASSWORD, Optional.empty()));
            mailbox.forEach(
                    (source, content) -> {
                        read.add(source);
                        mailbox.processed(source);
                    },
                    (source, problem) -> problems.add(source + ": " + problem.getMessage()));

            assertThat(read).isEmpty();
            assertThat(problems).singleElement().asString().startsWith("imap:7: ");
            assertThat(server.received()).noneMatch(l -> l.contains("MOVE") || l.contains("COPY"));
        }
    }
}
