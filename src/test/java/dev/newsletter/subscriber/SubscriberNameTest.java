package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A name goes into the To: header of every message: import, add and every reader of a list refuse
 * one longer than {@value SubscriberName#MAX_LENGTH} characters or with a control character, naming
 * the file and line (issue 11, item 6).
 */
class SubscriberNameTest {
    private static final String HEADER = "email,name,status,subscribed_at,tags\n";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    Path list;
    ListEditor editor;

    @BeforeEach
    void setUp() throws Exception {
        list = dir.resolve("list.csv");
        Files.writeString(list, HEADER + "ann@example.org,Ann,active,,\n");
        editor = ListEditor.of(list, dir.resolve("suppressed.csv"), false, CLOCK, () -> {});
    }

    @Test
    void importRefusesATenThousandCharacterNameWithItsLine() throws Exception {
        Path source = dir.resolve("import.csv");
        String longest = "é".repeat(200);
        Files.writeString(
                source,
                HEADER + "bob@example.org," + longest + ",active,,\ncy@example.org," + "x".repeat(10_000)
                        + ",active,,\ndee@example.org,Dee\u0085Bcc,active,,\neve@example.org,Eve\u2028x,active,,\n");
        List<String> invalid = new ArrayList<>();

        ListImport.Report report = editor.importer()
                .run(source, new ListImport.Options(false, false, false, false), new ListImport.Listener() {
                    @Override
                    public void invalid(Problem problem) {
                        invalid.add(problem.toString());
                    }

                    @Override
                    public void skipped(Problem reason) {}
                });

        assertThat(report.invalid()).isEqualTo(3);
        assertThat(report.written()).isFalse();
        assertThat(invalid)
                .containsExactly(
                        source + ":3: the name is 10000 characters long; at most 200 are allowed",
                        source + ":4: the name contains a control character (U+0085)",
                        source + ":5: the name contains a line break (U+2028)");
    }

    @Test
    void addRefusesALongNameAndWritesNothing() throws Exception {
        assertThatThrownBy(() -> editor.add(
                        new NewSubscriber("bob@example.org", "b".repeat(201), Status.ACTIVE, List.of(), Map.of()),
                        false,
                        false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(list + ": the name is 201 characters long; at most 200 are allowed");
        assertThat(Files.readString(list)).isEqualTo(HEADER + "ann@example.org,Ann,active,,\n");
    }

    @Test
    void aListWithALongNameIsRefusedByLine() throws Exception {
        Files.writeString(list, HEADER + "ann@example.org,Ann,active,,\nbob@example.org," + "b".repeat(300) + ",,,\n");

        assertThatThrownBy(() -> SubscriberFile.of(list).validate())
                .hasMessageContaining(list + ":3: the name is 300 characters long; at most 200 are allowed");
    }
}
