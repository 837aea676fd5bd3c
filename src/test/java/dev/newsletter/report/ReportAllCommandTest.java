package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report --all}: one row per issue and list in every format, with stable columns, rates
 * flagged over the providers' limits, unsubscribes given to the last send before them, and the
 * list's size over time.
 */
class ReportAllCommandTest {
    @TempDir
    Path dir;

    SampleProject sample;

    /**
     * Two sends to pdl-packet: 2024-fall (Nov 4, 4 recipients, one complaint: 25% of accepted, over
     * 0.3%) and 2024-winter (Dec 2, 2 recipients, clean). ana unsubscribes on Nov 20 (after fall,
     * before winter: fall's); zoe on Dec 3 (after winter, which reached her: winter's).
     */
    @BeforeEach
    void twoSends() {
        sample = SampleProject.copyTo(dir);
        sample.write(
                "var/capture/2024-fall/pdl-packet.jsonl",
                new JournalText()
                        .run("2024-11-04T09:00:00Z", "start", "r1")
                        .accepted("2024-11-04T09:00:01Z", "ana.lima@example.org")
                        .accepted("2024-11-04T09:00:01Z", "zoe.mueller@example.org")
                        .accepted("2024-11-04T09:00:02Z", "ops-team@example.org")
                        .accepted("2024-11-04T09:00:02Z", "sam.okafor@example.org")
                        .run("2024-11-04T09:00:03Z", "end", "r1")
                        .toString());
        sample.write(
                "var/capture/2024-winter/pdl-packet.jsonl",
                new JournalText()
                        .run("2024-12-02T09:00:00Z", "start", "r1")
                        .accepted("2024-12-02T09:00:01Z", "zoe.mueller@example.org")
                        .accepted("2024-12-02T09:00:01Z", "ops-team@example.org")
                        .run("2024-12-02T09:00:03Z", "end", "r1")
                        .toString());
        sample.write(
                "var/capture/2024-winter/_test.jsonl",
                new JournalText()
                        .accepted("2024-12-01T09:00:00Z", "ed@example.org")
                        .toString());
        sample.write(
                "var/inbox/processed.jsonl",
                JournalText.processed(
                        "2024-11-05T10:00:00Z",
                        "complaint",
                        "sam.okafor@example.org",
                        null,
                        "2024-fall",
                        "pdl-packet"));
        sample.append(
                "subscribers/suppressed.csv",
                "ana.lima@example.org,one-click,2024-11-20T08:00:00Z\n"
                        + "zoe.mueller@example.org,unsubscribe page,2024-12-03T08:00:00Z\n"
                        + "ops-team@example.org,hard-bounce,2024-12-03T08:00:00Z\n");
    }

    @Test
    void theTableHasOneRowPerSendAndFlagsTheComplaintRate() {
        SampleProject.Run run = sample.run("report", "--all");

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(1))
                .startsWith("2024-11-04  2024-fall")
                .contains("pdl-packet")
                .contains("25.0%")
                .endsWith("OVER LIMIT: complaints > 0.3%");
        assertThat(lines.get(2)).startsWith("2024-12-02  2024-winter").doesNotContain("OVER");
        assertThat(run.out()).doesNotContain("_test").contains("1 send is over a limit.");
    }

    @Test
    void jsonRowsHaveTheStableColumnsAndTheUnsubscribesOfTheLastSendBeforeThem() {
        SampleProject.Run run = sample.run("report", "--all", "--format", "json");

        assertThat(run.code()).as(run.err()).isZero();
        JsonNode root = JsonMapper.builder().build().readTree(run.out());
        JsonNode issues = root.get("issues");
        assertThat(issues.size()).isEqualTo(2);
        for (JsonNode row : issues) {
            List<String> names = new ArrayList<>(row.propertyNames());
            assertThat(names).isEqualTo(AcrossIssuesFormats.COLUMNS);
        }
        JsonNode fall = issues.get(0);
        assertThat(fall.get("issue").asString()).isEqualTo("2024-fall");
        assertThat(fall.get("sent").asLong()).isEqualTo(4);
        assertThat(fall.get("complaints").asLong()).isEqualTo(1);
        assertThat(fall.get("unsubscribes").asLong()).isEqualTo(1); // ana, Nov 20
        assertThat(fall.get("complaint_rate").asDouble()).isEqualTo(0.25);
        assertThat(fall.get("flags").asString()).isEqualTo("complaints > 0.3%");
        JsonNode winter = issues.get(1);
        assertThat(winter.get("unsubscribes").asLong()).isEqualTo(1); // zoe, Dec 3: winter reached her last
        assertThat(winter.get("flags").asString()).isEmpty();
        assertThat(root.get("limits").get("complaintRate").asDouble()).isEqualTo(0.003);

        JsonNode size = root.get("lists").get(0).get("size");
        assertThat(root.get("lists").get(0).get("list").asString()).isEqualTo("pdl-packet");
        // 7 dated subscribers (pending is not on the list); li, ana, zoe and ops-team left on their suppression
        // days, tomas (bounced, no day) by the last one: priya and sam remain
        assertThat(size.get(size.size() - 1).get("size").asLong()).isEqualTo(2);
        assertThat(size.findValues("sent")).extracting(JsonNode::toString).contains("4", "2");
    }

    @Test
    void csvHasTheSameColumnsInTheSameOrder() {
        SampleProject.Run run = sample.run("report", "--all", "--format", "csv");

        assertThat(run.code()).as(run.err()).isZero();
        String[] lines = run.out().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", AcrossIssuesFormats.COLUMNS));
        assertThat(lines[0])
                .isEqualTo("date,issue,list,sent,accepted,hard_bounces,soft_bounces,complaints,unsubscribes,"
                        + "bounce_rate,complaint_rate,unsubscribe_rate,flags");
        assertThat(lines[1])
                .isEqualTo("2024-11-04,2024-fall,pdl-packet,4,4,0,0,1,1,0.000000,0.250000,0.250000,complaints > 0.3%");
        assertThat(lines[2]).startsWith("2024-12-02,2024-winter,pdl-packet,2,2,0,0,0,1,");
        assertThat(lines).hasSize(3);
    }

    @Test
    void htmlShowsTheRatesAgainstTheLimitsAndTheListSize() {
        SampleProject.Run run = sample.run("report", "--all", "--format", "html");

        assertThat(run.code()).as(run.err()).isZero();
        Document doc = Jsoup.parse(run.out());
        Element complaints = doc.getElementById("complaint-rates");
        assertThat(complaints.selectFirst("g.limit").attr("data-limit")).isEqualTo("0.3");
        assertThat(complaints.select("g.bar.over"))
                .singleElement()
                .satisfies(bar -> assertThat(bar.attr("data-label")).isEqualTo("2024-fall"));
        assertThat(complaints.selectFirst("g.bar.over rect").attr("data-value")).isEqualTo("25");
        assertThat(doc.getElementById("bounce-rates").select("g.bar.over")).isEmpty();
        Element growth = doc.getElementById("list-size-0");
        assertThat(growth.select("circle[data-series=sent]"))
                .extracting(c -> c.attr("data-label") + "=" + c.attr("data-value"))
                .containsExactly("2024-11-04=4", "2024-12-02=2");
        assertThat(doc.select("tr.flag"))
                .singleElement()
                .satisfies(tr -> assertThat(tr.text()).contains("2024-fall"));
        assertThat(doc.select("script, link, img, [src], [href]")).isEmpty();
    }

    @Test
    void reportWithoutAnIssueOrAllIsAUsageError() {
        SampleProject.Run none = sample.run("report");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("Missing ISSUE").contains("--all").doesNotContain("Exception");

        SampleProject.Run both = sample.run("report", sample.issue().toString(), "--all");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
    }

    @Test
    void withNoSendYetSaysSo() {
        SampleProject empty = SampleProject.copyTo(dir.resolve("empty"));
        SampleProject.Run run = empty.run("report", "--all");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("No sends yet");
    }

    @Test
    void hostileJournalNamesStayTextInEveryFormat() {
        String issue = "<img src=x onerror=alert(1)>\u001b[2J";
        sample.write(
                "var/capture/" + issue + "/pdl-packet.jsonl",
                new JournalText()
                        .run("2024-12-09T09:00:00Z", "start", "r1")
                        .accepted("2024-12-09T09:00:01Z", "=cmd|' /C calc'!A0@example.org")
                        .toString());

        Document doc =
                Jsoup.parse(sample.run("report", "--all", "--format", "html").out());
        assertThat(doc.select("img, script, [onerror]")).isEmpty();
        assertThat(doc.select("td.addr").eachText()).contains("<img src=x onerror=alert(1)>[2J");

        SampleProject.Run table = sample.run("report", "--all");
        assertThat(table.out()).doesNotContain("\u001b");

        String csv = sample.run("report", "--all", "--format", "csv").out();
        assertThat(csv).contains("\r\n2024-12-09,<img src=x onerror=alert(1)>\u001b[2J,pdl-packet,1,1,");
    }
}
