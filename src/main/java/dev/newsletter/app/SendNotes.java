package dev.newsletter.app;

import dev.newsletter.config.SmtpSettings;
import java.nio.file.Path;

/** The lines a send prints after its summary when there is something to do or to understand. */
final class SendNotes {
    private SendNotes() {}

    /**
     * Addresses the relay said do not exist, and how to stop sending to them today (a command that
     * marks them bounced comes with the return-path work).
     */
    static String hardBounces(long count, String list) {
        return (count == 1 ? "1 address does not exist" : count + " addresses do not exist")
                + " (5.1.x); 'report --format csv' lists them with hard_bounce=true. Stop sending to each"
                + " with './newsletter subscribers unsubscribe ADDRESS --list " + list
                + " --reason \"hard bounce\"' (it adds the address to subscribers/suppressed.csv), or set its"
                + " status to bounced in the list file";
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
