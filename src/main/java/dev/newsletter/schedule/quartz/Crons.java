package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.CatchUpDue;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/** Quartz cron expressions (with seconds): parsing with helpful messages, and fire times. */
final class Crons {
    private Crons() {}

    /**
     * Parses {@code text} as a Quartz cron in {@code zone}.
     *
     * @throws IllegalArgumentException with a message fit for the user when it does not parse
     */
    static CronExpression parse(String text, ZoneId zone) {
        String cron = text == null ? "" : text.strip();
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return expression;
        } catch (ParseException e) {
            throw new IllegalArgumentException(
                    "'" + cron + "' is not a Quartz cron: " + e.getMessage() + hint(cron), e);
        }
    }

    /** Unix crons have five fields; Quartz wants seconds first and '?' in one of the day fields. */
    private static String hint(String cron) {
        String[] fields = cron.split("\\s+");
        if (fields.length != 5) {
            return " (six or seven fields: seconds minutes hours day-of-month month day-of-week [year],"
                    + " e.g. \"0 0 9 ? * MON\")";
        }
        String dayOfMonth = fields[2];
        String dayOfWeek = fields[4];
        if ("*".equals(dayOfWeek) || "?".equals(dayOfWeek)) {
            dayOfWeek = "?";
        } else {
            dayOfMonth = "?";
        }
        return String.format(
                " (this looks like a five-field Unix cron; Quartz crons start with seconds and put '?' in"
                        + " one day field: \"0 %s %s %s %s %s\"; write days of the week as MON-SUN)",
                fields[0], fields[1], dayOfMonth, fields[3], dayOfWeek);
    }

    /** The first fire time strictly after {@code after}, if the cron ever fires again. */
    static Optional<Instant> nextAfter(CronExpression cron, Instant after) {
        Date next = cron.getTimeAfter(Date.from(after));
        return next == null ? Optional.empty() : Optional.of(next.toInstant());
    }

    /**
     * The latest fire time at or before {@code at} and strictly after {@code after}: the due time of
     * a firing that Quartz collapsed from missed ones ({@link CatchUpDue}).
     */
    static Optional<Instant> latestAtOrBefore(CronExpression cron, Instant at, Instant after) {
        return CatchUpDue.latest(from -> nextAfter(cron, from), at, after);
    }
}
