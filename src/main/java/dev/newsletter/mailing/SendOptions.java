package dev.newsletter.mailing;

import dev.newsletter.config.SendingSettings;

/**
 * How one run sends.
 *
 * @param workers parallel workers, each with its own SMTP connection
 * @param limit send to at most this many recipients in this run (0: no limit)
 * @param resendInDoubt resend recipients whose last attempt has no result (at-least-once)
 * @param retry attempts and backoff for deferred (4xx) and failed (connection) messages, and for
 *     opening a connection
 * @param maxErrors stop the run after this many recipients not accepted (rejected, or still
 *     deferred after every attempt)
 * @param pacing messages per second, per hour and per domain, across all workers
 */
public record SendOptions(
        int workers, long limit, boolean resendInDoubt, SendingSettings.Retry retry, int maxErrors, Pacing pacing) {

    public SendOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        pacing = pacing == null ? Pacing.unlimited() : pacing;
    }

    /** Unpaced. */
    public SendOptions(int workers, long limit, boolean resendInDoubt, SendingSettings.Retry retry, int maxErrors) {
        this(workers, limit, resendInDoubt, retry, maxErrors, Pacing.unlimited());
    }
}
