package dev.newsletter.mailing;

import dev.newsletter.text.Plural;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of one run: recipients per final outcome in this run (deferred and failed ones are
 * sent again by the next run), recipients skipped because the journal already had them, retries
 * within the run, the rejected ones whose status was 5.1.x (hard bounces: bad mailbox or domain),
 * time, and why the run stopped early if it did.
 */
public record MailingReport(
        long accepted,
        long deferred,
        long rejected,
        long failed,
        long skipped,
        long inDoubtResent,
        long retries,
        long hardBounces,
        Duration elapsed,
        Optional<String> stoppedBecause) {

    /** Messages the server accepted per second of this run. */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : accepted / seconds;
    }

    /** Recipients this run tried to send to (not those skipped because the journal had them). */
    public long sent() {
        return accepted + deferred + rejected + failed;
    }

    /** This report, stopped early for {@code reason} unless it already was. */
    public MailingReport stopped(String reason) {
        if (stoppedBecause.isPresent()) {
            return this;
        }
        return new MailingReport(
                accepted,
                deferred,
                rejected,
                failed,
                skipped,
                inDoubtResent,
                retries,
                hardBounces,
                elapsed,
                Optional.of(reason));
    }

    /** Every recipient of this run was accepted (or already had been) and nothing stopped the run. */
    public boolean complete() {
        return deferred == 0 && rejected == 0 && failed == 0 && stoppedBecause.isEmpty();
    }

    /** The one-line summary printed at the end of every send. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "accepted %d, deferred %d, rejected %d, failed %d (connection), skipped %d (already done),"
                        + " %s, in %.1f s, %.1f messages/s%s%s%s",
                accepted,
                deferred,
                rejected,
                failed,
                skipped,
                Plural.count(retries, "retry", "retries"),
                elapsed.toMillis() / 1000.0,
                messagesPerSecond(),
                hardBounces > 0 ? "; " + Plural.count(hardBounces, "hard bounce", "hard bounces") + " (5.1.x)" : "",
                inDoubtResent > 0 ? "; resent " + inDoubtResent + " in doubt" : "",
                stoppedBecause.map(reason -> "; stopped early: " + reason).orElse(""));
    }
}
