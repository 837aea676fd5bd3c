package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2024-09-02T10:15:00Z, 2024-09-02T10:15:00Z",
        "2024-09-02T10:15:00.5Z, 2024-09-02T10:15:00.500Z",
        "2024-09-02T12:15:00+02:00, 2024-09-02T10:15:00Z",
        "2024-09-02T10:15:00, 2024-09-02T10:15:00Z",
        "2024-09-02 10:15:00, 2024-09-02T10:15:00Z",
        "2024-09-02, 2024-09-02T00:00:00Z",
        "2024-02-29T23:59:59Z, 2024-02-29T23:59:59Z"
    })
    void readsIso8601(String text, String instant) {
        assertThat(Timestamps.parse(text)).contains(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2023-02-29T10:15:00Z",
                "2024-13-02T10:15:00Z",
                "2024-09-02T24:15:00Z",
                "2024-09-0xT10:15:00Z",
                "02/09/2024",
                "yesterday",
                "2024-9-2",
                "2024-00-10",
                "2024-12-32",
                "2024-04-31",
                "2024/09/02",
                "2024-09-0x",
                "+202-09-02"
            })
    void refusesWhatIsNotADate(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @Test
    void readsEveryPlainDateAsTheJdkDoes() {
        for (LocalDate day = LocalDate.of(1999, 12, 1); day.isBefore(LocalDate.of(2029, 3, 1)); day = day.plusDays(1)) {
            String text = day.toString();

            assertThat(Timestamps.parse(text))
                    .as(text)
                    .contains(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        }
    }
}
