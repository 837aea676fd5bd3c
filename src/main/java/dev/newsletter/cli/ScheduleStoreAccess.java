package dev.newsletter.cli;

import dev.newsletter.config.Config;
import dev.newsletter.schedule.DaemonStatus;
import dev.newsletter.schedule.SchedulerTuning;
import dev.newsletter.schedule.quartz.ScheduleBook;
import java.util.function.Function;

/** Opens the schedule store for one {@code schedule} command (a store failure is exit code 1: {@link Failures}). */
final class ScheduleStoreAccess {
    private ScheduleStoreAccess() {}

    static int with(Context context, Config config, Function<ScheduleBook, Integer> body) {
        SchedulerTuning tuning = SchedulerTuning.defaults().withQuartzOverrides(System.getProperties());
        try (ScheduleBook book = ScheduleBook.open(config, context.env(), context.clock(), tuning)) {
            return body.apply(book);
        }
    }

    /** One line on the daemons using the store. */
    static String daemons(ScheduleBook book) {
        DaemonStatus status = book.daemons();
        if (!status.known()) {
            return "the memory store keeps nothing between processes: only a running daemon knows its schedules";
        }
        if (status.daemons().isEmpty()) {
            return "no daemon is running: schedules fire once one runs (./newsletter run, or systemctl start newsletter)";
        }
        return (status.daemons().size() == 1
                        ? "daemon running: "
                        : status.daemons().size() + " daemons running: ")
                + String.join(", ", status.daemons());
    }
}
