package dev.newsletter.mailing;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one run, added to by the producer and every worker at once, and what they make: the
 * {@link Progress.Snapshot} after each message and the {@link MailingReport} at the end.
 */
final class Tally {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder deferred = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder inDoubtResent = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder hardBounces = new LongAdder();

    /** A recipient the journal already has as done (or in doubt, when those are not resent). */
    void skipped() {
        skipped.increment();
    }

    /** A recipient in doubt from an interrupted run, sent again. */
    void inDoubtResent() {
        inDoubtResent.increment();
    }

    /** A deferred or failed message set aside to be sent again in this run. */
    void retried() {
        retries.increment();
    }

    /** A rejection whose status was 5.1.x: a bad mailbox or domain. */
    void hardBounce() {
        hardBounces.increment();
    }

    /** A recipient done with in this run, by its last outcome. */
    void done(Outcome outcome) {
        switch (outcome) {
            case ACCEPTED -> accepted.increment();
            case DEFERRED -> deferred.increment();
            case REJECTED -> rejected.increment();
            case FAILED -> failed.increment();
        }
    }

    /** Recipients the server did not take, deferred or rejected: what {@code sending.maxErrors} limits. */
    long notAccepted() {
        return deferred.sum() + rejected.sum();
    }

    Progress.Snapshot snapshot(long waiting) {
        long accepted = this.accepted.sum();
        long deferred = this.deferred.sum();
        long rejected = this.rejected.sum();
        long failed = this.failed.sum();
        return new Progress.Snapshot(
                accepted + deferred + rejected + failed, accepted, deferred, rejected, failed, skipped.sum(), waiting);
    }

    MailingReport report(Duration elapsed, Optional<String> stoppedBecause) {
        return new MailingReport(
                accepted.sum(),
                deferred.sum(),
                rejected.sum(),
                failed.sum(),
                skipped.sum(),
                inDoubtResent.sum(),
                retries.sum(),
                hardBounces.sum(),
                elapsed,
                stoppedBecause);
    }
}
