package dev.newsletter.mailing;

/** Told after every finished message, from worker threads; implementations must be thread-safe and cheap. */
@FunctionalInterface
public interface Progress {
    void update(Snapshot snapshot);

    static Progress none() {
        return snapshot -> {};
    }

    /**
     * Where a run stands.
     *
     * @param done recipients finished in this run (accepted, rejected, or out of attempts)
     * @param skipped recipients the journal already had as done
     * @param waiting recipients set aside for a retry or a domain's pace
     */
    record Snapshot(long done, long accepted, long deferred, long rejected, long failed, long skipped, long waiting) {}
}
