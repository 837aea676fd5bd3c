package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table goes to a terminal: what a server or a file said never reaches it as control characters. */
class ReportFormatTest {
    @TempDir
    Path dir;

    @Test
    void theTableStripsEscapeSequencesAndOtherControlCharactersFromServerReplies() throws IOException {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, """
                {"type":"run","time":"2026-11-02T10:00:00Z","event":"start","run":"r1"}
                {"type":"result","time":"2026-11-02T10:00:03Z","email":"b@example.org","outcome":"rejected","code":550,"status":"5.1.1","reply":"550 5.1.1 \\u001b[2J\\u001b]0;pwned\\u0007unknown\\u009b31m user\\r\\nX\\u202egnp.exe","messageId":"<b>","attempt":1}
                {"type":"result","time":"2026-11-02T10:00:04Z","email":"c@example.org","outcome":"deferred","code":451,"status":"4.7.1","reply":"451 4.7.1 \\u001b[31mgreylisted\\u001b[0m","messageId":"<c>","attempt":1}
                """);
        DeliveryReport report = DeliveryReport.of(file);

        String table = ReportFormat.table.render(report, "2024-fall", "pdl-packet");

        assertThat(table.chars().filter(c -> Character.getType(c) == Character.CONTROL && c != '\n'))
                .as(table)
                .isEmpty();
        assertThat(table).doesNotContain("\u202e");
        assertThat(table).contains("550 5.1.1 [2J]0;pwnedunknown31m user X").contains("451 4.7.1 [31mgreylisted[0m");
    }
}
