package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segment over a real list file: a spreadsheet's BOM, CRLF line endings, tags with spaces and empty entries. */
class SegmentListFileTest {
    @TempDir
    Path dir;

    @Test
    void whereOnTheLastColumnOfABomAndCrlfFileAndTagsWithSpacesAndEmptyEntries() throws Exception {
        Path list = dir.resolve("l.csv");
        Files.writeString(
                list,
                "\uFEFFEmail,Name,Status,Subscribed_At,Tags,Role\r\n"
                        + "ann@example.org,Ann,active,,\" alumni ;; phd \",student\r\n"
                        + "bob@example.org,Bob,active,,;;,Student\r\n"
                        + "cy@example.org,Cy,active,,phd,student\r\n",
                StandardCharsets.UTF_8);
        SubscriberFile file = SubscriberFile.of(list);

        Segment segment = Segment.of(List.of("alumni"), List.of("ROLE=student"));
        segment.checkColumns(file);
        List<String> chosen = new ArrayList<>();
        file.forEach(s -> {
            if (segment.matches(s)) {
                chosen.add(s.email().toString());
            }
        });
        assertThat(chosen).containsExactly("ann@example.org");

        Segment role = Segment.of(List.of(), List.of("role=student"));
        List<String> students = new ArrayList<>();
        file.forEach(s -> {
            if (role.matches(s)) {
                students.add(s.email().toString());
            }
        });
        // values match in any case: Bob's "Student" is a student too
        assertThat(students).containsExactly("ann@example.org", "bob@example.org", "cy@example.org");
    }
}
