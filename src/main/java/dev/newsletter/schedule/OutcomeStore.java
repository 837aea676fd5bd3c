package dev.newsletter.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Where the last firing of every schedule is kept, so that {@code schedule list} can show it. */
public interface OutcomeStore {

    void started(Firing firing, Instant at, String instance);

    void finished(Firing firing, Instant startedAt, Instant at, FiringOutcome outcome, String instance);

    List<LastFiring> all();

    /** Forgets a schedule's last firing; returns whether there was one. */
    boolean remove(String scheduleId);

    /** Forgets the config schedules that are no longer in the config. */
    void retainConfig(Set<String> configIds);
}
