package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --all} over a damaged journal says so, in every format, as the one-issue report does. */
class ReportAllTornLinesTest {
    @TempDir
    Path dir;

    @Test
    void aJournalWithTornLinesIsNamedOnStderr() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write(
                "var/capture/2024-fall/pdl-packet.jsonl",
                new JournalText()
                                .run("2024-11-04T09:00:00Z", "start", "r1")
                                .accepted("2024-11-04T09:00:01Z", "ana.lima@example.org")
                        + "{\"type\":\"result\",\"email\":\"zoe.mueller@exa\n"
                        + "not json\n");

        for (String format : new String[] {"table", "csv", "json", "html"}) {
            SampleProject.Run run = sample.run("report", "--all", "--format", format);

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.err())
                    .as(format)
                    .contains("2 torn journal lines were skipped")
                    .contains("pdl-packet.jsonl");
        }
    }
}
