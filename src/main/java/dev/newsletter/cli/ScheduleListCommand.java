package dev.newsletter.cli;

import dev.newsletter.schedule.LastFiring;
import dev.newsletter.schedule.ScheduleView;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = {
            "List every schedule, its next firing and how its last one went.",
            "The schedules of the config, the one-shot sends and what is pending; each next firing in the"
                    + " schedule's own time zone."
        })
final class ScheduleListCommand implements Callable<Integer> {
    private final Context context;

    @Mixin
    ConfigOption config;

    ScheduleListCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        return ScheduleStoreAccess.with(context, config.load(), book -> {
            PrintWriter out = context.out();
            List<ScheduleView> views = book.list();
            out.println("Store: " + book.storeDescription() + "; " + ScheduleStoreAccess.daemons(book) + ".");
            if (views.isEmpty()) {
                out.println(
                        "No schedules. Add one to the config (schedules:) or with: ./newsletter schedule add ISSUE --at WHEN");
                return ExitCode.OK;
            }
            out.println();
            print(out, views, context.clock().instant());
            return ExitCode.OK;
        });
    }

    private static void print(PrintWriter out, List<ScheduleView> views, Instant now) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NEXT", "LEFT", "SCHEDULE", "SENDS", "LAST"});
        for (ScheduleView view : views) {
            rows.add(new String[] {
                view.id(),
                view.next().map(next -> ScheduleView.format(next, view.zone())).orElse("-"),
                view.next().map(next -> left(now, next)).orElse("-"),
                view.when()
                        + (view.when().startsWith("cron ") ? " (" + view.zone().getId() + ")" : ""),
                view.issue() + " -> " + view.list(),
                view.last()
                        .map(last -> last.result().label() + " " + lastTime(last, view))
                        .orElse("-")
            });
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
            if (r > 0) {
                ScheduleView view = views.get(r - 1);
                view.last()
                        .ifPresent(last -> out.println("    last: " + last.summary() + " (" + last.instance() + ")"));
                if (!view.note().isEmpty()) {
                    out.println("    note: " + view.note());
                }
            }
        }
    }

    private static String lastTime(LastFiring last, ScheduleView view) {
        return ScheduleView.format(last.finished().orElse(last.started()), view.zone());
    }

    private static String left(Instant now, Instant next) {
        return next.isAfter(now) ? ScheduleView.format(Duration.between(now, next)) : "due now";
    }
}
