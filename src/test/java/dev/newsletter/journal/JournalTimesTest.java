package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Journal times are read digit by digit for speed; they must read exactly as {@link Instant#parse} reads them. */
class JournalTimesTest {
    @Test
    void readsEveryFormInstantWritesAsInstantParseDoes() {
        for (String time : new String[] {
            "2026-11-02T10:00:00Z",
            "2026-11-02T10:00:00.1Z",
            "2026-11-02T10:00:00.123Z",
            "2026-11-02T10:00:00.123456Z",
            "2026-11-02T10:00:00.123456789Z",
            "2024-02-29T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z",
            "9999-12-31T23:59:59Z"
        }) {
            assertThat(JournalLine.utc(time)).as(time).isEqualTo(Instant.parse(time));
        }
    }

    @Test
    void leavesAnythingElseToInstantParse() {
        for (String time : new String[] {
            "2026-02-31T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-02T24:00:00Z",
            "2026-11-02T10:60:00Z",
            "2026-11-02 10:00:00Z",
            "2026-11-02T10:00:00+01:00",
            "2026-11-02T10:00:00.Z",
            "2026-11-02T10:00:00.1234567890Z",
            "+12026-11-02T10:00:00Z",
            "2026-11-0xT10:00:00Z",
            "２０２６-11-02T10:00:00Z"
        }) {
            assertThat(JournalLine.utc(time)).as(time).isNull();
        }
    }
}
