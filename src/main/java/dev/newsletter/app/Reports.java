package dev.newsletter.app;

import dev.newsletter.mailing.MailingReport;

/** Sums of the reports of one send's parts: a merged send runs once per list. */
final class Reports {
    private Reports() {}

    /** Both runs' counts and time; stopped if either was (the first reason). */
    static MailingReport plus(MailingReport a, MailingReport b) {
        return new MailingReport(
                a.accepted() + b.accepted(),
                a.deferred() + b.deferred(),
                a.rejected() + b.rejected(),
                a.failed() + b.failed(),
                a.skipped() + b.skipped(),
                a.inDoubtResent() + b.inDoubtResent(),
                a.retries() + b.retries(),
                a.hardBounces() + b.hardBounces(),
                a.elapsed().plus(b.elapsed()),
                a.stoppedBecause().or(b::stoppedBecause));
    }
}
