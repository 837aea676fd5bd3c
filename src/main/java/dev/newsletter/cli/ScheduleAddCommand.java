package dev.newsletter.cli;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.schedule.ScheduleView;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add a one-shot send of an issue to a list at a given time.",
            "It is kept in the scheduler store. The issue and the list are checked now, as 'send' would;"
                    + " the daemon sends at the time (if it is down then, it catches up within"
                    + " scheduler.misfireGrace when it starts)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./newsletter schedule add issues/2024-fall.yaml --at 2026-12-01T09:00",
            "  ./newsletter schedule add issues/2024-fall.yaml --at '2026-12-01 09:00' \\",
            "      --time-zone Europe/Amsterdam",
            "  ./newsletter schedule add issues/2024-fall.yaml --at +10s --list alumni"
        })
final class ScheduleAddCommand implements Callable<Integer> {
    @Mixin
    IssueOptions.WithList options;

    private static final Pattern RELATIVE = Pattern.compile("\\+(\\d+)\\s*(s|m|h|d)");

    private final Context context;

    @Option(
            names = "--at",
            required = true,
            paramLabel = "WHEN",
            description = "When to send: 2026-12-01T09:00[:00] (in --time-zone), with an offset"
                    + " (2026-12-01T09:00+01:00), 'now', or from now: +10s, +5m, +2h, +1d.")
    String at;

    @Option(
            names = "--time-zone",
            paramLabel = "ZONE",
            description = "The zone --at is read in and shown in, e.g. Europe/Amsterdam (default: this machine's).")
    String timeZone;

    ScheduleAddCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Instant asked = context.clock().instant();
        var loaded = options.config();
        ZoneId zone = zone();
        Instant when = when(zone, asked);
        return ScheduleStoreAccess.with(context, loaded, book -> {
            ScheduleView added = book.addOnce(options.issue(), options.list(), when, zone, asked);
            Instant now = context.clock().instant();
            String left =
                    when.isAfter(now) ? " (in " + ScheduleView.format(Duration.between(now, when)) + ")" : " (now)";
            context.out()
                    .println("Added " + added.id() + ": " + added.issue() + " to list " + added.list() + " at "
                            + ScheduleView.format(when, zone) + left + ".");
            context.out().println(ScheduleStoreAccess.daemons(book) + ".");
            return ExitCode.OK;
        });
    }

    private ZoneId zone() {
        if (timeZone == null) {
            return context.clock().getZone();
        }
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw InvalidInputException.of(
                    Problem.inFile(Path.of("--time-zone"), "unknown time zone '" + timeZone + "'"));
        }
    }

    /** Reads {@code --at}: relative, {@code now}, an offset date-time, or a local date-time in {@code zone}. */
    private Instant when(ZoneId zone, Instant now) {
        String text = at.strip();
        if (text.equalsIgnoreCase("now")) {
            return now;
        }
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            Duration duration = switch (relative.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.plus(duration);
        }
        String iso = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(iso).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidInputException.of(
                        Problem.inFile(
                                Path.of("--at"),
                                "'" + at
                                        + "' is not a time; write 2026-12-01T09:00, 2026-12-01T09:00+01:00, now, or +10s / +5m / +2h / +1d"));
            }
        }
    }
}
