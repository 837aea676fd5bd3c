package dev.newsletter.bounce.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What a server said, as it goes into an error line or the daemon's log: one line, no control characters. */
class ImapMailboxTest {
    @Test
    void aServersReplyBecomesOneLineWithoutTerminalEscapes() {
        String reason = ImapMailbox.reason(
                new MessagingException("NO [AUTHENTICATIONFAILED] bad\u001b[31m red\r\nINFO inbox: forged line"));

        assertThat(reason).isEqualTo("NO [AUTHENTICATIONFAILED] bad [31m red");
    }

    @Test
    void theCauseIsKeptAfterTheMessage() {
        assertThat(ImapMailbox.reason(new MessagingException("Connect failed", new ConnectException("refused"))))
                .isEqualTo("Connect failed: refused");
        assertThat(ImapMailbox.reason(new MessagingException())).isEqualTo("MessagingException");
    }
}
