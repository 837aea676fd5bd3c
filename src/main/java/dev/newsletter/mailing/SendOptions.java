package dev.newsletter.mailing;

import dev.newsletter.config.SendingSettings;
import java.util.OptionalLong;

/**
 * How one run sends. Made by {@link #of} (everyone not yet sent, in-doubt recipients resent, no
 * pacing) and narrowed by name: {@link #limitedTo}, {@link #skippingInDoubt}, {@link #pacedBy}.
 */
public final class SendOptions {
    private final int workers;
    private final OptionalLong limit;
    private final boolean resendInDoubt;
    private final SendingSettings.Retry retry;
    private final int maxErrors;
    private final Pacing pacing;

    private SendOptions(
            int workers,
            OptionalLong limit,
            boolean resendInDoubt,
            SendingSettings.Retry retry,
            int maxErrors,
            Pacing pacing) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (limit.isPresent() && limit.getAsLong() < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
        this.workers = workers;
        this.limit = limit;
        this.resendInDoubt = resendInDoubt;
        this.retry = retry;
        this.maxErrors = maxErrors;
        this.pacing = pacing;
    }

    /**
     * Everyone the journal does not have as done, recipients in doubt resent (at least once), unpaced.
     *
     * @param workers parallel workers, each with its own SMTP connection
     * @param retry attempts and backoff for deferred (4xx) and failed (connection) messages, and for
     *     opening a connection
     * @param maxErrors stop the run after this many recipients not accepted (rejected, or still
     *     deferred after every attempt)
     */
    public static SendOptions of(int workers, SendingSettings.Retry retry, int maxErrors) {
        return new SendOptions(workers, OptionalLong.empty(), true, retry, maxErrors, Pacing.unlimited());
    }

    /** At most {@code recipients} in this run (0: no one); the rest is left for the next run. */
    public SendOptions limitedTo(long recipients) {
        return new SendOptions(workers, OptionalLong.of(recipients), resendInDoubt, retry, maxErrors, pacing);
    }

    /** Recipients whose last attempt has no result are skipped, not resent (at most once). */
    public SendOptions skippingInDoubt() {
        return new SendOptions(workers, limit, false, retry, maxErrors, pacing);
    }

    /** Messages per second, per hour and per domain, across all workers. */
    public SendOptions pacedBy(Pacing pacing) {
        return new SendOptions(workers, limit, resendInDoubt, retry, maxErrors, pacing);
    }

    public int workers() {
        return workers;
    }

    /** Send to at most this many recipients in this run (empty: everyone; 0: no one). */
    public OptionalLong limit() {
        return limit;
    }

    /** Resend recipients whose last attempt has no result (at-least-once). */
    public boolean resendInDoubt() {
        return resendInDoubt;
    }

    public SendingSettings.Retry retry() {
        return retry;
    }

    public int maxErrors() {
        return maxErrors;
    }

    public Pacing pacing() {
        return pacing;
    }
}
