package dev.newsletter.mailing;

import dev.newsletter.config.SendingSettings;
import java.util.OptionalLong;

/**
 * How one run sends.
 *
 * @param workers parallel workers, each with its own SMTP connection
 * @param limit send to at most this many recipients in this run (empty: everyone; 0: no one)
 * @param resendInDoubt resend recipients whose last attempt has no result (at-least-once)
 * @param retry attempts and backoff for deferred (4xx) and failed (connection) messages, and for
 *     opening a connection
 * @param maxErrors stop the run after this many recipients not accepted (rejected, or still
 *     deferred after every attempt)
 * @param pacing messages per second, per hour and per domain, across all workers
 */
public record SendOptions(
        int workers,
        OptionalLong limit,
        boolean resendInDoubt,
        SendingSettings.Retry retry,
        int maxErrors,
        Pacing pacing) {

    public SendOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        if (limit.isPresent() && limit.getAsLong() < 0) {
            throw new IllegalArgumentException("limit must be 0 or more");
        }
        pacing = pacing == null ? Pacing.unlimited() : pacing;
    }

    /** Unpaced. */
    public SendOptions(
            int workers, OptionalLong limit, boolean resendInDoubt, SendingSettings.Retry retry, int maxErrors) {
        this(workers, limit, resendInDoubt, retry, maxErrors, Pacing.unlimited());
    }
}
