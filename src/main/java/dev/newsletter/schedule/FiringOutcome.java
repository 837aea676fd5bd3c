package dev.newsletter.schedule;

import dev.newsletter.mailing.MailingReport;
import java.util.Optional;

/**
 * How one firing ended.
 *
 * @param report the send's report, when a send ran
 * @param sentSome whether any recipient was attempted in this firing (an interrupted firing that
 *     sent to some is finished on the next start whatever its lateness; one that sent to none is a
 *     firing like any other)
 */
public record FiringOutcome(Result result, String summary, Optional<MailingReport> report, boolean sentSome) {

    public enum Result {
        /** Running now (or its daemon died while it ran). */
        RUNNING("running"),
        /** Every recipient accepted (or already accepted before). */
        SENT("sent"),
        /** The journal already had every recipient as done: nothing was sent. */
        NOTHING_TO_SEND("nothing to send"),
        /** Finished, but some recipients were not accepted, or the send stopped early. */
        INCOMPLETE("incomplete"),
        /** The daemon stopped during the firing; the rest goes out when a daemon starts again. */
        INTERRUPTED("interrupted"),
        /** Missed by more than {@code scheduler.misfireGrace}: not sent. */
        SKIPPED_MISSED("skipped"),
        /** Another send of the same issue and list ran past the grace: not sent by this firing. */
        SKIPPED_LOCKED("skipped"),
        /** Due while the daemon was down, but a catch-up of the same schedule started after it: covered. */
        SKIPPED_COVERED("skipped"),
        /** Could not send: bad input or an error. */
        FAILED("failed");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static FiringOutcome of(Result result, String summary) {
        return new FiringOutcome(result, summary, Optional.empty(), false);
    }
}
