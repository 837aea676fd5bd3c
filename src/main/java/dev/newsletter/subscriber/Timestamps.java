package dev.newsletter.subscriber;

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
}
