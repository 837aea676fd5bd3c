package dev.newsletter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render}, {@code check}, {@code report} and {@code test} take the segment options as {@code send} does. */
class SegmentCommandsIT {
    @TempDir
    Path dir;

    private SampleProject sample;

    @BeforeEach
    void copySample() {
        sample = SampleProject.copyTo(dir);
    }

    @Test
    void renderRendersForTheSegmentsFirstRecipient() {
        SampleProject.Run run = sample.run(
                SampleProject.ENV,
                "render",
                sample.issue().toString(),
                "--tag",
                "student",
                "--out",
                dir.resolve("out").toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("2024-fall-sam.okafor@example.org.html");
    }

    @Test
    void checkSaysHowManyTheSegmentHasAndRefusesAnUnknownField() {
        SampleProject.Run run =
                sample.run(SampleProject.ENV, "check", sample.issue().toString(), "--tag", "alumni");

        assertThat(run.code()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("Segment: 1 of 5 active subscribers of pdl-packet tagged alumni (0 more suppressed)");

        SampleProject.Run unknown =
                sample.run(SampleProject.ENV, "check", sample.issue().toString(), "--where", "Departement=cs");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err())
                .contains("pdl-packet.csv")
                .contains("departement")
                .contains("affiliation");
    }

    @Test
    void reportCountsOnlyTheSegmentsRecipients() {
        SampleProject.Run send =
                sample.run(SampleProject.ENV, "send", sample.issue().toString(), "--yes");
        assertThat(send.code()).as(send.err()).isZero();

        SampleProject.Run whole =
                sample.run(SampleProject.ENV, "report", sample.issue().toString(), "--format", "json");
        SampleProject.Run segment = sample.run(
                SampleProject.ENV, "report", sample.issue().toString(), "--format", "json", "--tag", "industry");

        assertThat(segment.code()).as(segment.err()).isZero();
        assertThat(whole.out()).contains("\"recipients\" : 5");
        assertThat(segment.out()).contains("\"recipients\" : 2").contains("\"accepted\" : 2");
        assertThat(segment.err()).contains("pdl-packet tagged industry");
    }

    @Test
    void aJsonOrHtmlReportIsAboutOneListSoSeveralListsAreRefused() {
        sample.write("subscribers/alumni.csv", "email,name,status,subscribed_at,tags\n");

        for (String format : new String[] {"json", "html"}) {
            SampleProject.Run run = sample.run(
                    SampleProject.ENV,
                    "report",
                    sample.issue().toString(),
                    "--format",
                    format,
                    "--list",
                    "pdl-packet,alumni");

            assertThat(run.code()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("one list");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aTestSendSaysWhoTheSegmentsSendWouldReachAndGoesToTheGivenAddressOnly() {
        SampleProject.Run run = sample.run(
                SampleProject.ENV, "test", sample.issue().toString(), "--to", "me@example.org", "--tag", "alumni");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("The send would go to 1 of 5 active subscribers of pdl-packet tagged alumni");
        assertThat(sample.captured("2024-fall/test")).isEqualTo(1);
    }
}
