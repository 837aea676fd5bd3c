package dev.newsletter.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Last outcomes for the memory store: kept while the daemon runs, gone when it stops. */
public final class MemoryOutcomeStore implements OutcomeStore {
    private final Map<String, LastFiring> last = new ConcurrentHashMap<>();

    @Override
    public void started(Firing firing, Instant at, String instance) {
        put(firing, at, Optional.empty(), FiringOutcome.Result.RUNNING, "running", instance);
    }

    @Override
    public void finished(Firing firing, Instant startedAt, Instant at, FiringOutcome outcome, String instance) {
        put(firing, startedAt, Optional.of(at), outcome.result(), outcome.summary(), instance);
    }

    private void put(
            Firing firing,
            Instant started,
            Optional<Instant> finished,
            FiringOutcome.Result result,
            String summary,
            String instance) {
        last.put(
                firing.scheduleId(),
                new LastFiring(
                        firing.scheduleId(),
                        firing.source(),
                        firing.issue(),
                        firing.list(),
                        firing.due(),
                        started,
                        finished,
                        result,
                        summary,
                        instance));
    }

    @Override
    public List<LastFiring> all() {
        return List.copyOf(last.values());
    }

    @Override
    public boolean remove(String scheduleId) {
        return last.remove(scheduleId) != null;
    }

    @Override
    public void retainConfig(Set<String> configIds) {
        // a fresh memory store has nothing to forget
    }
}
