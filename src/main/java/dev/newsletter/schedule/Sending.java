package dev.newsletter.schedule;

import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/** What a firing does: send an issue to a list. Swapped in tests for a send that is scripted. */
interface Sending {

    /** A send for {@code firing}, not started yet, so that it can be stopped from another thread once it runs. */
    Send prepare(Firing firing);

    interface Send {
        /**
         * Runs the send.
         *
         * @throws dev.newsletter.journal.JournalLockedException when another process sends the same issue to the same list
         * @throws dev.newsletter.input.InvalidInputException for bad input, before anything is sent
         */
        MailingReport run(Consumer<String> notes, LongFunction<Progress> progress);

        /** Stops a running send gracefully; a no-op when it is not running (yet, or any more). */
        void stop(String reason);
    }
}
