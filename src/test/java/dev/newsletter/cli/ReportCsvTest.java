package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report ISSUE --format csv}: a server's reply with line breaks, quotes or a formula in it
 * stays one cell of one row, as text.
 */
class ReportCsvTest {
    @TempDir
    Path dir;

    @Test
    void hostileRepliesStayOneTextCellOfTheirRow() throws Exception {
        Path journal = dir.resolve("j.jsonl");
        Files.writeString(
                journal,
                result("a@example.org", "550-first line\\r\\n550 second, line")
                        + result("b@example.org", "550 \\\"x\\\"\\r\\n\\r\\n=cmd|' /C calc'!A0")
                        + result("c@example.org", "550 a\\u2028\\\"b")
                        + result("d@example.org", "\\t=cmd|' /C calc'!A0"));

        List<List<String>> rows = parse(ReportFormat.csv.render(DeliveryReport.of(journal), "i", "l"));

        assertThat(rows).hasSize(5);
        for (List<String> row : rows) {
            assertThat(row).as(row.toString()).hasSize(9);
        }
        assertThat(rows.get(1).get(4)).isEqualTo("550-first line\r\n550 second, line");
        assertThat(rows.get(2).get(4)).isEqualTo("550 \"x\"\r\n\r\n=cmd|' /C calc'!A0");
        assertThat(rows.get(3).get(4)).isEqualTo("550 a\u2028\"b");
        assertThat(rows.get(4).get(4)).startsWith("'");
    }

    private static String result(String email, String jsonReply) {
        return "{\"type\":\"result\",\"time\":\"2026-11-02T10:00:01Z\",\"email\":\"" + email
                + "\",\"outcome\":\"rejected\",\"code\":550,\"status\":\"5.7.1\",\"reply\":\"" + jsonReply
                + "\",\"messageId\":\"<1@x>\",\"attempt\":1}\n";
    }

    /** RFC 4180, strictly: a quote inside an unquoted cell is an error. */
    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            if (csv.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = csv.charAt(i++);
                    if (c == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
            } else {
                while (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    if (csv.charAt(i) == '"' || csv.charAt(i) == '\n') {
                        throw new AssertionError("a bare quote or line break in an unquoted cell at " + i + ": " + csv);
                    }
                    cell.append(csv.charAt(i++));
                }
            }
            row.add(cell.toString());
            cell.setLength(0);
            if (i < csv.length() && csv.charAt(i) == ',') {
                i++;
            } else {
                if (!csv.startsWith("\r\n", i)) {
                    throw new AssertionError("no CRLF after a cell at " + i + ": " + csv);
                }
                i += 2;
                rows.add(row);
                row = new ArrayList<>();
            }
        }
        return rows;
    }
}
