package dev.newsletter.bounce;

/**
 * The mailbox as a whole cannot be read: the server cannot be reached, refuses the login or the TLS
 * handshake, has no such folder, or broke off mid-scan. The message is one line naming the server and
 * the setting to change; it never carries a secret. What was recorded before stays recorded.
 */
public final class MailboxUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MailboxUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
