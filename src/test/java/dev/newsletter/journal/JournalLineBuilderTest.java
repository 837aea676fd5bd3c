package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The journal's lines, byte for byte: the file format resumes and reports depend on. */
class JournalLineBuilderTest {
    private static final Instant TIME = Instant.parse("2026-11-02T10:00:00.123Z");

    @Test
    void anAttemptLine() {
        byte[] line = JournalLineBuilder.of("attempt", TIME)
                .text("email", "zoë@example.org")
                .text("messageId", "<2024-fall.0f@example.org>")
                .number("attempt", 2)
                .bytes();

        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"attempt\",\"time\":\"2026-11-02T10:00:00.123Z\",\"email\":\"zoë@example.org\","
                        + "\"messageId\":\"<2024-fall.0f@example.org>\",\"attempt\":2}\n");
    }

    @Test
    void textIsEscapedSoEveryLineStaysOneJsonObjectOnOneLine() {
        byte[] line = JournalLineBuilder.of("result", TIME)
                .text("reply", "451 \"later\" \\ a\r\nb\tc\u0001\u2028")
                .bytes();

        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"result\",\"time\":\"2026-11-02T10:00:00.123Z\","
                        + "\"reply\":\"451 \\\"later\\\" \\\\ a\\r\\nb\\tc\\u0001\\u2028\"}\n");
        assertThat(JournalLine.parse(new String(line, StandardCharsets.UTF_8).strip())
                        .reply())
                .isEqualTo("451 \"later\" \\ a\r\nb\tc\u0001\u2028");
    }

    /** Run lines were written by Jackson before; for what a run line holds, the bytes are the same. */
    @Test
    void aRunLineIsWhatJacksonWrote() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pid", 12345L);
        details.put("connections", 4);
        details.put("transport", "relay smtp.example.org:587 \"STARTTLS\" é");
        details.put("seconds", 0.002);
        details.put("large", 12_345_678.9);
        details.put("dryRun", false);
        details.put("stopped", "the connection broke 8 times in a row (last: 421 4.3.2 bye\r\n)");

        byte[] line = JournalLineBuilder.of("run", TIME)
                .text("event", "end")
                .text("run", "r1")
                .fields(details)
                .bytes();

        Map<String, Object> jackson = new LinkedHashMap<>();
        jackson.put("type", "run");
        jackson.put("time", TIME.toString());
        jackson.put("event", "end");
        jackson.put("run", "r1");
        jackson.putAll(details);
        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo(JsonMapper.builder().build().writeValueAsString(jackson) + "\n");
    }

    /**
     * A run line's text can carry anything: a path, or the reply of the server that stopped the run,
     * with control characters in it. Jackson wrote {@code \\b} and {@code \\f} short, other control
     * characters and lone surrogates in upper-case hex, and U+2028 as is; run lines keep those bytes.
     */
    @Test
    void aRunLineWhoseTextHoldsControlCharactersIsWhatJacksonWrote() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("transport", "capture mode: messages land in /srv/news\u2028letter/\u001Fout");
        details.put("stopped", "421 4.3.2 \u001b[31mbye\u001b[0m\b\f\u000b\u007f \ud83d\ude00 lone \ud83d x \udc00");

        byte[] line = JournalLineBuilder.of("run", TIME)
                .text("event", "end")
                .text("run", "r1")
                .fields(details)
                .bytes();

        Map<String, Object> jackson = new LinkedHashMap<>();
        jackson.put("type", "run");
        jackson.put("time", TIME.toString());
        jackson.put("event", "end");
        jackson.put("run", "r1");
        jackson.putAll(details);
        byte[] expected = JsonMapper.builder().build().writeValueAsBytes(jackson);
        assertThat(new String(line, StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8) + "\n");
        assertThat(line).hasSize(expected.length + 1);
    }

    @Test
    void aValueThatIsNotTextNumberOrBooleanIsRefused() {
        assertThatThrownBy(() -> JournalLineBuilder.of("run", TIME).fields(Map.of("list", java.util.List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
