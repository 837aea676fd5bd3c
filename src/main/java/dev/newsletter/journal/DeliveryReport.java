package dev.newsletter.journal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

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
 * @param timeline answered attempts over time, by outcome
 * @param resultsByAttempt answered attempts by their attempt number (1: the first try)
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
        int tornLines,
        Timeline timeline,
        Map<Integer, Long> resultsByAttempt) {

    /** In {@link dev.newsletter.mailing.Outcome} order, then "in doubt". */
    public static final List<String> STATES = List.of("accepted", "deferred", "rejected", "failed", "in doubt");

    /**
     * Rows of {@link #byDomain} beyond this many distinct domains are counted together under {@link
     * #OTHER_DOMAINS}, so a list with a million domains does not cost a million counters.
     */
    public static final int DOMAIN_CAP = 10_000;

    public static final String OTHER_DOMAINS = "(other domains)";

    /**
     * Answered attempts in buckets of {@code bucketSeconds}, from the first to the last, gaps
     * included as empty buckets.
     */
    public record Timeline(long bucketSeconds, List<Bucket> buckets) {
        /**
         * The same counts in at most {@code columns} buckets: the width steps up the same ladder of
         * widths (1 s, 2 s, 10 s, 30 s, 1 min, 2 min, 10 min, 30 min, 1 h, 2 h, 6 h, 12 h, 1 d, 1 w).
         */
        public Timeline coarsen(int columns) {
            if (buckets.size() <= columns) {
                return this;
            }
            long width = bucketSeconds;
            long first = buckets.get(0).start().getEpochSecond();
            long last = buckets.get(buckets.size() - 1).start().getEpochSecond();
            do {
                width = DeliveryTimeline.next(width);
            } while (Math.floorDiv(last, width) - Math.floorDiv(first, width) + 1 > columns);
            TreeMap<Long, long[]> merged = new TreeMap<>();
            for (Bucket bucket : buckets) {
                long[] into =
                        merged.computeIfAbsent(Math.floorDiv(bucket.start().getEpochSecond(), width), i -> new long[4]);
                into[0] += bucket.accepted();
                into[1] += bucket.deferred();
                into[2] += bucket.rejected();
                into[3] += bucket.failed();
            }
            List<Bucket> list = new ArrayList<>();
            for (long i = merged.firstKey(); i <= merged.lastKey(); i++) {
                list.add(Bucket.of(Instant.ofEpochSecond(i * width), merged.getOrDefault(i, new long[4])));
            }
            return new Timeline(width, List.copyOf(list));
        }
    }

    /** Answered attempts that began in one bucket, by outcome. */
    public record Bucket(Instant start, long accepted, long deferred, long rejected, long failed) {
        static Bucket of(Instant start, long[] counts) {
            return new Bucket(start, counts[0], counts[1], counts[2], counts[3]);
        }

        public long total() {
            return accepted + deferred + rejected + failed;
        }
    }

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
        return DeliveryReportBuilder.read(journal, email -> true, (email, time) -> {});
    }

    /**
     * Like {@link #of(Path)}, and calls {@code accepted} with the address and time of every accepted
     * result on the way (for matching later events, such as unsubscribes, to the send before them).
     */
    public static DeliveryReport of(Path journal, BiConsumer<String, Instant> accepted) {
        return DeliveryReportBuilder.read(journal, email -> true, accepted);
    }

    /**
     * Like {@link #of(Path, BiConsumer)}, counting only the recipients {@code recipient} accepts (a
     * segment of the list); the runs are the whole runs.
     */
    public static DeliveryReport of(Path journal, Predicate<String> recipient, BiConsumer<String, Instant> accepted) {
        return DeliveryReportBuilder.read(journal, recipient, accepted);
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
