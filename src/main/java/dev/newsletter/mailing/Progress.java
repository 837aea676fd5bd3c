package dev.newsletter.mailing;

/** Told after every finished message, from worker threads; implementations must be thread-safe and cheap. */
@FunctionalInterface
public interface Progress {
    void update(long done, long accepted, long deferred, long rejected);

    static Progress none() {
        return (done, accepted, deferred, rejected) -> {};
    }
}
