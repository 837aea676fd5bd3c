package dev.newsletter.report;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.SubscriberFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A list's size over time, from its file and the suppression list: each subscriber counts from
 * their {@code subscribed_at} day, and one who left (unsubscribed, bounced, complained or
 * suppressed) stops counting on the day the suppression list recorded, or, when it has no such day,
 * by the last day shown (so the last point is the list as it is). Pending sign-ups are not on the
 * list. Rows without a date cannot be placed and are counted in {@code undated}. The recipients
 * of each send (from the journals) are the second series. Streamed: one counter per day.
 *
 * @param points by day (or by month when there are more than {@link #MAX_POINTS} days): the size at
 *     the end of it, and the recipients sent to that day ({@code NaN} for none)
 * @param problem why the list file could not be read, or empty
 */
public record ListGrowth(String list, List<Point> points, long undated, long active, String problem) {
    static final int MAX_POINTS = 120;

    public record Point(LocalDate date, long size, double sent) {}

    static ListGrowth of(String list, Path file, Map<String, LocalDate> suppressedOn, Map<LocalDate, Long> sentOn) {
        TreeMap<LocalDate, long[]> days = new TreeMap<>(); // [joined, left]
        long[] undated = new long[1];
        long[] active = new long[1];
        long[] leftUndated = new long[1];
        String problem = "";
        if (Files.exists(file)) {
            try {
                SubscriberFile.of(file, true).forEach(subscriber -> {
                    if (subscriber.status() == Status.PENDING) {
                        return;
                    }
                    LocalDate joined = date(subscriber.subscribedAt());
                    if (joined == null) {
                        undated[0]++;
                        return;
                    }
                    days.computeIfAbsent(joined, d -> new long[2])[0]++;
                    LocalDate left = suppressedOn.get(subscriber.email().key());
                    if (left != null) {
                        days.computeIfAbsent(left.isBefore(joined) ? joined : left, d -> new long[2])[1]++;
                    } else if (subscriber.status() == Status.ACTIVE) {
                        active[0]++;
                    } else {
                        leftUndated[0]++;
                    }
                });
            } catch (InvalidInputException | UncheckedIOException e) {
                problem = e.getMessage().lines().findFirst().orElse("");
            }
        } else {
            problem = "no list file " + file;
        }
        sentOn.keySet().forEach(day -> days.computeIfAbsent(day, d -> new long[2]));
        List<Point> points = new ArrayList<>();
        long size = 0;
        for (Map.Entry<LocalDate, long[]> day : days.entrySet()) {
            size += day.getValue()[0] - day.getValue()[1];
            Long sent = sentOn.get(day.getKey());
            points.add(new Point(day.getKey(), size, sent == null ? Double.NaN : sent));
        }
        if (!points.isEmpty() && leftUndated[0] > 0) {
            Point last = points.remove(points.size() - 1);
            points.add(new Point(last.date(), last.size() - leftUndated[0], last.sent()));
        }
        return new ListGrowth(list, byMonthIfLong(points), undated[0], active[0], problem);
    }

    private static List<Point> byMonthIfLong(List<Point> days) {
        if (days.size() <= MAX_POINTS) {
            return days;
        }
        TreeMap<LocalDate, Point> months = new TreeMap<>();
        for (Point p : days) {
            LocalDate month = p.date().withDayOfMonth(1);
            Point before = months.get(month);
            double sent = before == null || Double.isNaN(before.sent())
                    ? p.sent()
                    : Double.isNaN(p.sent()) ? before.sent() : before.sent() + p.sent();
            months.put(month, new Point(month, p.size(), sent));
        }
        return List.copyOf(months.values());
    }

    /** The day of a {@code subscribed_at} or {@code suppressed_at} value (an instant or a date), or null. */
    static LocalDate date(String text) {
        if (text == null || text.length() < 10) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip().substring(0, 10));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
