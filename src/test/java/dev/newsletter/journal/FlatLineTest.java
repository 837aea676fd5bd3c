package dev.newsletter.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fast reader of journal lines reads what it takes exactly as Jackson does, and leaves the rest to it. */
class FlatLineTest {
    private static final String[] LINES = {
        "{\"type\":\"attempt\",\"time\":\"2026-11-02T10:00:00.123Z\",\"email\":\"a@example.org\",\"messageId\":\"<1@x>\",\"attempt\":1}",
        "{\"type\":\"result\",\"time\":\"2026-11-02T10:00:01Z\",\"email\":\"b@example.org\",\"outcome\":\"rejected\",\"code\":550,"
                + "\"status\":\"5.1.1\",\"reply\":\"550 5.1.1 <b@example.org> unknown\",\"messageId\":\"<2@x>\",\"attempt\":2,\"ms\":12}",
        "{\"type\":\"result\",\"email\":\"c@example.org\",\"outcome\":\"accepted\",\"code\":\"250\",\"attempt\":-0}",
        "{\"type\":\"result\",\"email\":\"z\u00fc\u00df@b\u00fccher.example\",\"reply\":\"\u00e9t\u00e9 \ud83d\ude00\",\"type\":\"attempt\"}",
        "{\"\":1,\"type\":\"run\",\"event\":\"end\",\"run\":\"r1\",\"stopped\":\"\"}",
        // left to Jackson: escapes, decimals, booleans, nesting, spaces, big or malformed numbers, torn lines
        "{\"type\":\"result\",\"reply\":\"451 \\\"greylisted\\\"\\r\\n\",\"code\":451}",
        "{\"type\":\"run\",\"event\":\"start\",\"rate\":1.5,\"dryRun\":false,\"x\":null}",
        "{\"type\":\"run\",\"details\":{\"a\":[1,2]},\"event\":\"start\"}",
        "{ \"type\" : \"attempt\" }",
        "{\"type\":\"result\",\"code\":12345678901}",
        "{\"type\":\"result\",\"code\":0550}",
        "{\"type\":\"result\",\"code\":-}",
        "{\"type\":\"result\",\"email\":5}",
        "{\"type\":\"result\",\"time\":\"2026-11-0",
        "{\"type\":\"result\",\"time\":\"2026-11-02\"}}",
        "{\"type\":\"result\"}x",
        "{\"type\":\"result\",}",
        "{\"type\":\"result\"\"x\":1}",
        "{}",
        "[]",
        "{\"type\":\"re\tsult\"}",
        "\"type\""
    };

    @Test
    void readsEveryLineAsJacksonDoes() {
        for (String line : LINES) {
            assertThat(JournalLine.parse(line)).as(line).isEqualTo(JournalLine.parseWithJackson(line));
        }
    }

    @Test
    void takesThePlainAttemptAndResultLinesItselfAndLeavesTheRest() {
        assertThat(FlatLine.parse(LINES[0])).isNotNull();
        assertThat(FlatLine.parse(LINES[1])).isNotNull();
        assertThat(FlatLine.parse(LINES[2]).code()).isZero();
        assertThat(FlatLine.parse(LINES[3]).type()).isEqualTo("attempt");
        for (int i = 5; i < LINES.length; i++) {
            assertThat(FlatLine.parse(LINES[i])).as(LINES[i]).isNull();
        }
    }
}
