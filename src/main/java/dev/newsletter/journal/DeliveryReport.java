package dev.newsletter.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a journal says about an issue's send to a list, for {@code ./newsletter report}. Counts are
 * per recipient by their latest state; "failed" means the connection broke before a reply (retried
 * on the next run, never final); "in doubt" means an attempt without a result (the process died
 * between the final dot and the reply).
 *
 * @param byOutcome recipients per latest state: accepted, rejected, deferred, failed, in doubt
 * @param byCode recipients per SMTP code of their latest result (0: no reply)
 * @param byDomain per recipient domain, recipients per latest state
 * @param results result lines in all (every attempt that got an answer or broke)
 * @param retries results beyond the first per recipient
 * @param runs each run (a {@code send}), with its time and what it got accepted
 * @param inDoubt recipients whose last attempt has no result
 * @param rejected recipients rejected for good, with the server's reply (5.1.x: hard bounces)
 * @param deferred recipients still deferred or failed, sent again by the next run
 */
public record DeliveryReport(
        long recipients,
        Map<String, Long> byOutcome,
        Map<Integer, Long> byCode,
        Map<String, Map<String, Long>> byDomain,
        long results,
        long retries,
        List<Run> runs,
        List<Entry> inDoubt,
        List<Entry> rejected,
        List<Entry> deferred,
        int tornLines) {

    /** In {@link dev.newsletter.mailing.Outcome} order, then "in doubt". */
    public static final List<String> STATES = List.of("accepted", "deferred", "rejected", "failed", "in doubt");

    /** One run of {@code send}; {@code finished} false when it was killed. */
    public record Run(String id, Instant start, Instant end, long accepted, boolean finished, String stopped) {
        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /** One recipient's latest line: {@code code} 0 and empty reply for an attempt without result. */
    public record Entry(
            String email,
            String outcome,
            int code,
            String status,
            String reply,
            String messageId,
            int attempt,
            Instant time) {
        public boolean hardBounce() {
            return status.startsWith("5.1.");
        }
    }

    /**
     * Reads the journal at {@code journal} without locking it (a send may be running): torn lines
     * and lines that are not UTF-8 are counted and skipped.
     */
    public static DeliveryReport of(Path journal) {
        return DeliveryReportBuilder.read(journal, email -> true);
    }

    /**
     * Like {@link #of(Path)}, counting only the recipients {@code recipient} accepts (a segment of
     * the list); the runs are the whole runs.
     */
    public static DeliveryReport of(Path journal, java.util.function.Predicate<String> recipient) {
        return DeliveryReportBuilder.read(journal, recipient);
    }

    /** Messages accepted per second while runs were sending (time between runs does not count). */
    public double messagesPerSecond() {
        double seconds = 0;
        long accepted = 0;
        for (Run run : runs) {
            seconds += run.duration().toNanos() / 1e9;
            accepted += run.accepted();
        }
        return seconds <= 0 ? 0 : accepted / seconds;
    }

    public long count(String state) {
        return byOutcome.getOrDefault(state, 0L);
    }
}
