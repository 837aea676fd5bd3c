package dev.newsletter.subscriber;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code subscribed_at} column: an ISO 8601 time ({@code 2024-09-02T10:15:00Z}, with an offset,
 * or without a zone, read as UTC) or a date ({@code 2024-09-02}); a space may stand for the {@code T}.
 */
final class Timestamps {
    static final String EXPECTED = "use ISO 8601, such as 2024-09-02T10:15:00Z or 2024-09-02";

    private Timestamps() {}

    /** The instant written, or empty if the text is not a date or time we accept. */
    static Optional<Instant> parse(String text) {
        Instant common = text.length() == 10 ? parseDate(text) : parseCommon(text);
        if (common != null) {
            return Optional.of(common);
        }
        String t = text.strip();
        if (t.length() > 10 && t.charAt(10) == ' ') {
            t = t.substring(0, 10) + 'T' + t.substring(11);
        }
        try {
            if (t.length() == 10) {
                return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Optional.of(Instant.parse(t.substring(0, t.length() - 1) + 'Z'));
            }
            char sign = t.length() > 6 ? t.charAt(t.length() - 6) : ' ';
            if (sign == '+' || sign == '-') {
                return Optional.of(OffsetDateTime.parse(t).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The form this program writes, {@code 2024-09-02T10:15:00Z}, read without a formatter (the JDK's
     * ISO_INSTANT builds a new formatter on every parse, which dominates reading a million rows);
     * null for any other form.
     */
    private static Instant parseCommon(String t) {
        if (t.length() != 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * A plain date, {@code 2024-09-02}, read without a formatter as {@link #parseCommon} reads a
     * time (LocalDate.parse took a quarter of the CPU of a pass over a list of such dates); null for
     * any other form, or a day that does not exist (the slow path then refuses it).
     */
    private static Instant parseDate(String t) {
        if (t.charAt(4) != '-' || t.charAt(7) != '-') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        if ((year | month | day) < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
