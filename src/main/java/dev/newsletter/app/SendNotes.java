package dev.newsletter.app;

import dev.newsletter.config.SmtpSettings;
import java.nio.file.Path;

/** The lines a send prints after its summary when there is something to do or to understand. */
final class SendNotes {
    private SendNotes() {}

    /**
     * Addresses the relay said do not exist, and how to stop sending to them (when the send does not
     * mark them bounced itself: capture mode, or {@code sending.suppressHardBounces: false}).
     */
    static String hardBounces(long count, String list) {
        return (count == 1 ? "1 address does not exist" : count + " addresses do not exist")
                + " (5.1.x); 'report --format csv' lists them with hard_bounce=true. Mark them bounced and"
                + " suppressed with './newsletter subscribers bounced --list " + list + "'";
    }

    /** What the send did with its hard bounces ({@code sending.suppressHardBounces}). */
    static String hardBouncesSuppressed(long changed) {
        return (changed == 1 ? "1 address" : changed + " addresses")
                + " marked bounced and suppressed (5.1.x: the relay said they do not exist)";
    }

    /** The send finished but its hard bounces could not be applied: say why and how to do it later. */
    static String hardBouncesNotSuppressed(long count, String list, RuntimeException why) {
        String reason = why.getMessage() == null
                ? why.getClass().getSimpleName()
                : why.getMessage().lines().findFirst().orElse("");
        return "Could not mark "
                + (count == 1 ? "the address that does not exist" : "the " + count + " addresses that do not exist")
                + " (5.1.x) bounced: " + reason + "; run './newsletter subscribers bounced --list "
                + list + "' to do it";
    }

    /** Why a send sent to no one: every recipient is in the journal already, and which journal that is. */
    static String nothingToSend(long skipped, Path journal, SmtpSettings.Mode mode) {
        return "Nothing to send: all " + skipped + " recipients are in the journal " + journal
                + " as accepted or rejected by an earlier run ("
                + (mode == SmtpSettings.Mode.CAPTURE
                        ? "capture-mode sends are journaled apart from relay sends"
                        : "this journal is for relay sends; capture-mode sends are journaled under var/capture/."
                                + " If these were capture-mode sends by a version before that, delete this journal"
                                + " to send for real")
                + "); './newsletter report ISSUE' shows them.";
    }
}
