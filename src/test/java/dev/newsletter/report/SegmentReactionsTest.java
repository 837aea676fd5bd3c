package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report ISSUE --tag T}: the bounces, complaints and unsubscribes that came back are the
 * segment's own, as its sent and accepted are, so its rates are a fraction of the segment.
 */
class SegmentReactionsTest {
    @TempDir
    Path dir;

    @Test
    void aSegmentsReportCountsOnlyTheSegmentsComplaintsBouncesAndUnsubscribes() {
        SampleProject sample = SampleProject.copyTo(dir);
        sample.write(
                "var/capture/2024-fall/pdl-packet.jsonl",
                new JournalText()
                        .run("2024-11-04T09:00:00Z", "start", "r1")
                        .accepted("2024-11-04T09:00:01Z", "ana.lima@example.org")
                        .accepted("2024-11-04T09:00:01Z", "zoe.mueller@example.org")
                        .accepted("2024-11-04T09:00:01Z", "priya.raman@example.org")
                        .accepted("2024-11-04T09:00:01Z", "sam.okafor@example.org")
                        .run("2024-11-04T09:01:00Z", "end", "r1")
                        .toString());
        // none of these three is tagged faculty: ana.lima is the faculty segment
        sample.write(
                "var/inbox/processed.jsonl",
                JournalText.processed(
                                "2024-11-05T10:00:00Z",
                                "complaint",
                                "zoe.mueller@example.org",
                                null,
                                "2024-fall",
                                "pdl-packet")
                        + JournalText.processed(
                                "2024-11-05T11:00:00Z",
                                "hard-bounce",
                                "priya.raman@example.org",
                                "5.1.1",
                                "2024-fall",
                                "pdl-packet")
                        + JournalText.processed(
                                "2024-11-05T11:00:00Z",
                                "unsubscribe",
                                "Sam.Okafor@Example.ORG",
                                null,
                                "2024-fall",
                                "pdl-packet"));

        SampleProject.Run whole = sample.run("report", sample.issue().toString(), "--format", "json");
        SampleProject.Run faculty =
                sample.run("report", sample.issue().toString(), "--format", "json", "--tag", "faculty");

        assertThat(whole.code()).as(whole.err()).isZero();
        assertThat(whole.out()).contains("\"complaints\" : 1");
        assertThat(faculty.code()).as(faculty.err()).isZero();
        assertThat(faculty.out())
                .contains("\"accepted\" : 1")
                .contains("\"complaints\" : 0")
                .contains("\"complaintRate\" : 0.0")
                .doesNotContain("zoe.mueller")
                .doesNotContain("priya.raman")
                .doesNotContain("Sam.Okafor");
    }
}
