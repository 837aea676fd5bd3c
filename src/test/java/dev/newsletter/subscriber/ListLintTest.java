package dev.newsletter.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLintTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-11-01T09:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "email,name,status,subscribed_at,tags\n";
    private static final String MATCH =
            " (addresses match without regard to upper and lower case, domains also in their ASCII form)";

    @TempDir
    Path project;

    Path list;
    Path suppressed;
    final List<String> findings = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        list = Files.createDirectories(project.resolve("subscribers")).resolve("l.csv");
        suppressed = list.resolveSibling("suppressed.csv");
        Files.writeString(suppressed, "email,reason,suppressed_at\nsam@example.org,unsubscribed,\n");
    }

    @Test
    void aCleanListHasNoFindings() throws Exception {
        Files.writeString(list, HEADER + "ann@example.org,Ann,active,2024-09-02T10:15:00Z,\n");

        ListLint.Summary summary = lint();

        assertThat(findings).isEmpty();
        assertThat(summary).isEqualTo(new ListLint.Summary(1, 0, 0));
    }

    @Test
    void reportsErrorsAndWarningsByLine() throws Exception {
        Files.writeString(
                list,
                HEADER
                        + "ann@example.org,Ann,active,2024-09-02T10:15:00Z,\n"
                        + "ann@EXAMPLE.org,Ann again,active,,\n"
                        + "a@bücher.example,IDN,active,,\n"
                        + "a@xn--bcher-kva.example,ASCII,active,,\n"
                        + "Ann@example.org,Case,active,,\n"
                        + "bob@gmial.com,Bob,active,,\n"
                        + "postmaster@example.org,,active,,\n"
                        + "sam@example.org,Sam,active,,\n"
                        + "cy@example.org,Cy,sleeping,,\n"
                        + "dee@example.org,Dee,active,2025-01-01,\n"
                        + "eve@example.org,Eve,active,1.1.2024,\n"
                        + "\"fay@example.org,Fay,active,,\n"
                        + "gus@example.org,Gus,active,,\n");

        ListLint.Summary summary = lint();

        assertThat(findings)
                .containsExactly(
                        "3 error: duplicate address ann@example.org, already on line 2" + MATCH,
                        "5 error: duplicate address a@xn--bcher-kva.example, already on line 4" + MATCH,
                        "6 error: duplicate address Ann@example.org, already on line 2" + MATCH,
                        "7 warning: gmial.com looks like a typo of gmail.com (bob@gmial.com)",
                        "8 warning: postmaster@example.org is a role address, not a person's; such mail is often"
                                + " unread or reported as spam",
                        "9 warning: sam@example.org is active here but on the suppression list (line 2), which"
                                + " wins: it is not sent to",
                        "10 error: unknown status 'sleeping' (use one of [active, unsubscribed, bounced, pending, complained])",
                        "11 warning: subscribed_at 2025-01-01 is in the future",
                        "12 error: subscribed_at '1.1.2024' is not a date; use ISO 8601, such as"
                                + " 2024-09-02T10:15:00Z or 2024-09-02",
                        "13 error: a quoted field is not closed before the end of the file");
        assertThat(summary).isEqualTo(new ListLint.Summary(13, 6, 4));
    }

    @Test
    void reportsAMissingHeaderAsAnError() throws Exception {
        Files.writeString(list, "ann@example.org,Ann,active,,\n");

        ListLint.Summary summary = lint();

        assertThat(findings)
                .singleElement()
                .asString()
                .startsWith("1 error: the header has no 'email' column")
                .endsWith("(the first line looks like a subscriber; a header row must come first)");
        assertThat(summary.errors()).isEqualTo(1);
    }

    @Test
    void warnsOnceAboutMixedLineEndings() throws Exception {
        Files.writeString(list, "email,name\r\na@example.org,A\nb@example.org,B\nc@example.org,C\r\n");

        lint();

        assertThat(findings)
                .containsExactly(
                        "2 warning: this line ends with LF, the header with CRLF (mixed line endings make every diff"
                                + " noisy)",
                        "0 warning: 2 lines end differently from the header");
    }

    @Test
    void reportsAMissingFile() {
        lint();

        assertThat(findings).containsExactly("0 error: no such file");
    }

    private ListLint.Summary lint() {
        return ListLint.of(list, suppressed, false, CLOCK)
                .run(f -> findings.add(f.problem().line() + " " + f.severity().label() + ": "
                        + f.problem().message()));
    }
}
