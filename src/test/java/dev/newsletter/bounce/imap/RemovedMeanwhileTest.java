package dev.newsletter.bounce.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.newsletter.config.InboxSettings;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.testing.ReturnMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another client (the daemon's poll, a second {@code inbox scan}, a person in a mail program) removes
 * a message from the folder while a scan is reading it: the scan goes on and reports nothing unreadable.
 */
class RemovedMeanwhileTest {
    private static final String PASSWORD = "s3cret-inbox-password";

    @RegisterExtension
    static final GreenMailExtension IMAP = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @Test
    void aMessageAnotherClientRemovesWhileTheScanReadsIsSkippedNotUnreadable() throws Exception {
        MailSessions.useAngusStreamProvider();
        GreenMailUser user = IMAP.setUser("bounces@pdl.example.org", "bounces", PASSWORD);
        for (int i = 1; i <= 3; i++) {
            ReturnMail.deliver(
                    user,
                    "From: a@example.net\r\nMessage-ID: <m" + i + "@example.net>\r\nSubject: " + i
                            + "\r\n\r\nbody\r\n");
        }
        InboxSettings settings = new InboxSettings(
                "127.0.0.1",
                IMAP.getImap().getPort(),
                InboxSettings.Tls.NONE,
                "bounces",
                "PW",
                null,
                null,
                null,
                null,
                null,
                null,
                10);
        List<String> read = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();

        ImapMailbox.reading(ImapLogin.withPassword(settings, PASSWORD, Optional.empty()))
                .forEach(
                        (source, content) -> {
                            read.add(source + (isEmpty(content) ? " (empty)" : ""));
                            if (read.size() == 1) {
                                removeSecondMessage();
                            }
                        },
                        (source, problem) -> unreadable.add(source + ": " + problem.getMessage()));

        // GreenMail renumbers without telling this session, so it may send nothing for the last message:
        // then it is unreadable (left for the next scan), never an empty message
        assertThat(read).contains("imap:1").noneMatch(r -> r.endsWith("(empty)"));
        assertThat(unreadable).allMatch(u -> u.contains("sent nothing"));
    }

    /**
     * The daemon's poll and a manual {@code inbox scan --apply} both applied a message (harmless: every
     * change is idempotent) and the other one moved it first: this scan's move finds it gone, which is
     * what the move was for, and the scan goes on with the rest of the folder.
     */
    @Test
    void aMessageAnotherScanMovedFirstDoesNotStopThisScan() throws Exception {
        MailSessions.useAngusStreamProvider();
        GreenMailUser user = IMAP.setUser("bounces@pdl.example.org", "bounces", PASSWORD);
        for (int i = 1; i <= 3; i++) {
            ReturnMail.deliver(
                    user,
                    "From: a@example.net\r\nMessage-ID: <m" + i + "@example.net>\r\nSubject: " + i
                            + "\r\n\r\nbody\r\n");
        }
        List<String> read = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        ImapMailbox mailbox = ImapMailbox.moving(ImapLogin.withPassword(settings(), PASSWORD, Optional.empty()));

        mailbox.forEach(
                (source, content) -> {
                    read.add(source + (isEmpty(content) ? " (empty)" : ""));
                    if (read.size() == 1) {
                        removeMessage(1, true);
                    }
                    mailbox.processed(source);
                },
                (source, problem) -> unreadable.add(source + ": " + problem.getMessage()));

        assertThat(read).contains("imap:1").noneMatch(r -> r.endsWith("(empty)"));
        assertThat(unreadable).allMatch(u -> u.contains("sent nothing"));
        // what was read left the folder; what could not be read (see above) is still there
        assertThat(count("INBOX")).isEqualTo(unreadable.size());
    }

    private static boolean isEmpty(java.io.InputStream content) {
        try {
            return content.readAllBytes().length == 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static InboxSettings settings() {
        return new InboxSettings(
                "127.0.0.1",
                IMAP.getImap().getPort(),
                InboxSettings.Tls.NONE,
                "bounces",
                "PW",
                null,
                null,
                null,
                null,
                null,
                null,
                10);
    }

    private static int count(String name) throws jakarta.mail.MessagingException {
        Store other = Session.getInstance(new Properties()).getStore("imap");
        other.connect("127.0.0.1", IMAP.getImap().getPort(), "bounces", PASSWORD);
        Folder folder = other.getFolder(name);
        folder.open(Folder.READ_ONLY);
        int n = folder.getMessageCount();
        folder.close(false);
        other.close();
        return n;
    }

    /** Another client moves (or deletes) message {@code n} of INBOX. */
    private static void removeMessage(int n, boolean move) {
        try {
            Store other = Session.getInstance(new Properties()).getStore("imap");
            other.connect("127.0.0.1", IMAP.getImap().getPort(), "bounces", PASSWORD);
            Folder inbox = other.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message message = inbox.getMessage(n);
            if (move) {
                Folder done = other.getFolder("Processed");
                if (!done.exists()) {
                    done.create(Folder.HOLDS_MESSAGES);
                }
                inbox.copyMessages(new Message[] {message}, done);
            }
            message.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            other.close();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void removeSecondMessage() {
        removeMessage(2, false);
    }
}
