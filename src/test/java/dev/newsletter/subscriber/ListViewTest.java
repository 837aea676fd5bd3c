package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListViewTest {
    private static final String LIST = "Email,Name,Status,Subscribed_At,Tags,Note\r\n"
            + "ana@example.org,\"=HYPERLINK(\"\"http://x.example\"\")\",active,2024-09-02T10:15:00Z,a;b,+1 555\r\n"
            + "bob@Example.ORG,@bob,pending,,,-5\r\n"
            + "cy@example.org,\"Cy, \"\"C\"\"\",unsubscribed,,b,\"\tTab\"\r\n"
            + "dee@example.org,Dee,,,,\r\n";

    @TempDir
    Path dir;

    Path list;
    final StringWriter text = new StringWriter();
    final PrintWriter out = new PrintWriter(text);

    @BeforeEach
    void setUp() throws Exception {
        list = dir.resolve("l.csv");
        Files.writeString(list, LIST);
    }

    @Test
    void exportsCsvWithFormulaCellsEscaped() {
        long rows = ListView.of(list, false).csv(out, s -> true, false);

        assertThat(rows).isEqualTo(4);
        assertThat(text.toString())
                .isEqualTo("email,name,status,subscribed_at,tags,note\n"
                        + "ana@example.org,\"'=HYPERLINK(\"\"http://x.example\"\")\",active,2024-09-02T10:15:00Z,a;b,'+1"
                        + " 555\n"
                        + "bob@example.org,'@bob,pending,,,'-5\n"
                        + "cy@example.org,\"Cy, \"\"C\"\"\",unsubscribed,,b,'\tTab\n"
                        + "dee@example.org,Dee,active,,,\n");
    }

    @Test
    void exportsCsvWithAByteOrderMarkForExcelAndFilters() {
        ListView.of(list, false).csv(out, s -> s.tags().contains("b"), true);

        assertThat(text.toString())
                .startsWith("\uFEFFemail,")
                .contains("ana@example.org")
                .contains("cy@example.org");
        assertThat(text.toString()).doesNotContain("bob@").doesNotContain("dee@");
    }

    @Test
    void exportsJson() {
        ListView.of(list, false).json(out, s -> s.status() == Status.PENDING);

        assertThat(text.toString())
                .isEqualTo("[{\"email\":\"bob@example.org\",\"name\":\"@bob\",\"status\":\"pending\",\"subscribed_at\":"
                        + "\"\",\"tags\":[],\"attributes\":{\"note\":\"-5\"}}]\n");
    }

    @Test
    void printsAnAlignedTable() {
        long rows = ListView.of(list, false).table(out, s -> s.status() != Status.UNSUBSCRIBED);

        assertThat(rows).isEqualTo(3);
        assertThat(text.toString().lines())
                .containsExactly(
                        "EMAIL            NAME                            STATUS   SUBSCRIBED AT         TAGS",
                        "ana@example.org  =HYPERLINK(\"http://x.example\")  active   2024-09-02T10:15:00Z  a;b",
                        "bob@example.org  @bob                            pending",
                        "dee@example.org  Dee                             active");
    }

    @Test
    void countsByStatusAndLeavesOutTheSuppressed() throws Exception {
        Path suppressed = dir.resolve("suppressed.csv");
        Files.writeString(suppressed, "email,reason,suppressed_at\ndee@example.org,unsubscribed,\n");

        ListView.Counts counts = ListView.of(list, false).count(SuppressionList.load(suppressed));

        assertThat(counts.byStatus())
                .isEqualTo(Map.of(
                        Status.ACTIVE,
                        2L,
                        Status.PENDING,
                        1L,
                        Status.UNSUBSCRIBED,
                        1L,
                        Status.BOUNCED,
                        0L,
                        Status.COMPLAINED,
                        0L));
        assertThat(counts.total()).isEqualTo(4);
        assertThat(counts.sendable()).isEqualTo(1);
        assertThat(SuppressionList.load(suppressed).contains(EmailAddress.parse("dee@example.org")))
                .isTrue();
    }

    @Test
    void printsNothingForAnInvalidList() throws Exception {
        Files.writeString(list, LIST + "bad,,,,,\n");

        assertThatThrownBy(() -> ListView.of(list, false).csv(out, s -> true, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(list + ":6:");
        assertThatThrownBy(() -> ListView.of(list, false).table(out, s -> true))
                .isInstanceOf(InvalidInputException.class);
        assertThat(text.toString()).isEmpty();
    }
}
