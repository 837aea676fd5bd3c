package dev.newsletter.schedule;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Timing knobs that are not config keys: defaults fit a daemon, tests shorten them.
 *
 * @param onTime a firing that starts within this of its due time is on time (Quartz's misfire
 *     threshold: later than this, Quartz treats the firing as missed)
 * @param idleWait how often an idle daemon looks in the store for schedules another process added
 * @param lockPoll how often a firing retries while another send of its issue and list runs
 * @param progressEvery how often a long send logs its progress
 * @param stopTimeout how long a stopping daemon waits for running sends to finish their messages
 * @param quartz Quartz properties that override ours ({@code org.quartz.*}), for operators who
 *     need a knob we do not expose (e.g. {@code org.quartz.jobStore.clusterCheckinInterval})
 */
public record SchedulerTuning(
        Duration onTime,
        Duration idleWait,
        Duration lockPoll,
        Duration progressEvery,
        Duration stopTimeout,
        Map<String, String> quartz) {

    public SchedulerTuning {
        quartz = Map.copyOf(quartz);
    }

    public static SchedulerTuning defaults() {
        return new SchedulerTuning(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(2),
                Map.of());
    }

    /** These tuning values with the {@code org.quartz.*} entries of {@code properties} as overrides. */
    public SchedulerTuning withQuartzOverrides(Properties properties) {
        Map<String, String> overrides = new TreeMap<>(quartz);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("org.quartz.")) {
                overrides.put(name, properties.getProperty(name));
            }
        }
        return new SchedulerTuning(onTime, idleWait, lockPoll, progressEvery, stopTimeout, overrides);
    }

    public SchedulerTuning withOnTime(Duration value) {
        return new SchedulerTuning(value, idleWait, lockPoll, progressEvery, stopTimeout, quartz);
    }

    public SchedulerTuning withIdleWait(Duration value) {
        return new SchedulerTuning(onTime, value, lockPoll, progressEvery, stopTimeout, quartz);
    }

    public SchedulerTuning withLockPoll(Duration value) {
        return new SchedulerTuning(onTime, idleWait, value, progressEvery, stopTimeout, quartz);
    }

    public SchedulerTuning withStopTimeout(Duration value) {
        return new SchedulerTuning(onTime, idleWait, lockPoll, progressEvery, value, quartz);
    }
}
