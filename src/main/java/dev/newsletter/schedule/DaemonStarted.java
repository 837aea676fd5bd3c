package dev.newsletter.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the daemon says when it starts: its store and instance, what became of the config's
 * schedules, and when each schedule fires next, soonest first.
 *
 * @param store the store, as {@code schedule list} describes it
 * @param instance the daemon's name ({@code host pid 1234}, or the cluster's instance id)
 * @param upcoming every schedule in the store, in any order
 */
public record DaemonStarted(
        String store, String instance, Duration misfireGrace, ScheduleChanges config, List<Upcoming> upcoming) {

    /** A schedule's next firing (empty when it fires no more), shown in {@code zone}. */
    public record Upcoming(String id, Optional<Instant> next, ZoneId zone) {}

    public DaemonStarted {
        upcoming = List.copyOf(upcoming);
    }

    /** The lines to log, in order. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("scheduler started: store " + store + ", instance " + instance + ", misfireGrace "
                + Durations.human(misfireGrace));
        lines.add("config schedules: " + config.describe());
        if (upcoming.isEmpty()) {
            lines.add(
                    "nothing scheduled: add schedules to the config, or one-shot sends with ./newsletter schedule add");
        }
        upcoming.stream()
                .sorted(Comparator.comparing(schedule -> schedule.next().orElse(Instant.MAX)))
                .forEach(schedule -> lines.add("[" + schedule.id() + "] next firing: "
                        + schedule.next()
                                .map(next -> Durations.time(next, schedule.zone()))
                                .orElse("none")));
        return lines;
    }
}
