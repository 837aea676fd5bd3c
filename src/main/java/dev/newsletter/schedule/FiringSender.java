package dev.newsletter.schedule;

import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.StopSignal;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends a firing's issue to its list: what {@link FiringRunner} calls once a firing may go ahead.
 * {@link ScheduledSends} sends for real; tests swap in a scripted send.
 */
@FunctionalInterface
interface FiringSender {

    /**
     * Runs the send for {@code firing}.
     *
     * @param stop set by the daemon's stop (from another thread): the send stops gracefully
     * @throws dev.newsletter.journal.JournalLockedException when another process sends the same issue to the same list
     * @throws dev.newsletter.input.InvalidInputException for bad input, before anything is sent
     */
    MailingReport send(Firing firing, StopSignal stop, Consumer<String> notes, LongFunction<Progress> progress);
}
