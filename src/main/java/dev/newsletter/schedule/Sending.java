package dev.newsletter.schedule;

import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/** What a firing does: send an issue to a list. Swapped in tests for a send that is scripted. */
@FunctionalInterface
interface Sending {

    /**
     * Runs the send for {@code firing}.
     *
     * @param stop set by the daemon's stop (from another thread): the send stops gracefully
     * @throws dev.newsletter.journal.JournalLockedException when another process sends the same issue to the same list
     * @throws dev.newsletter.input.InvalidInputException for bad input, before anything is sent
     */
    MailingReport send(Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress);
}
