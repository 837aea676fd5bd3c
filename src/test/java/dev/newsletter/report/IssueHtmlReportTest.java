package dev.newsletter.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report ISSUE --format html}: one self-contained page whose charts carry the journal's numbers
 * (checked through the bars' data attributes and titles), with what came back after the send, and
 * nothing in it that a hostile address or SMTP reply could turn into markup.
 */
class IssueHtmlReportTest {
    private static final String HOSTILE_ADDRESS = "x\"><img src=x onerror=alert(1)>@evil.example.org";
    private static final String HOSTILE_REPLY =
            "550 5.1.1 <script>alert('r')</script> & \"quoted\" <a href=\"https://evil.example.net/\">x</a>";

    @TempDir
    Path dir;

    SampleProject sample;

    @BeforeEach
    void journalOfOneSend() {
        sample = SampleProject.copyTo(dir);
        sample.write(
                "var/capture/2024-fall/pdl-packet.jsonl",
                new JournalText()
                        .run("2024-11-04T09:00:00Z", "start", "r1")
                        .accepted("2024-11-04T09:00:01Z", "ana.lima@example.org")
                        .accepted("2024-11-04T09:00:01Z", "zoe.mueller@example.org")
                        .result(
                                "2024-11-04T09:00:02Z",
                                "sam@gmail.example.com",
                                "deferred",
                                451,
                                "4.7.1",
                                "451 greylisted",
                                1)
                        .result("2024-11-04T09:00:40Z", "sam@gmail.example.com", "accepted", 250, "2.0.0", "250 ok", 2)
                        .result("2024-11-04T09:00:03Z", HOSTILE_ADDRESS, "rejected", 550, "5.1.1", HOSTILE_REPLY, 1)
                        .result(
                                "2024-11-04T09:00:03Z",
                                "li@gmail.example.com",
                                "rejected",
                                554,
                                "5.7.1",
                                "554 policy",
                                1)
                        .attempt("2024-11-04T09:00:04Z", "lost@example.org", 1)
                        .run("2024-11-04T09:01:00Z", "end", "r1")
                        .toString());
        sample.write(
                "var/inbox/processed.jsonl",
                JournalText.processed(
                                "2024-11-05T10:00:00Z",
                                "complaint",
                                "ana.lima@example.org",
                                null,
                                "2024-fall",
                                "pdl-packet")
                        + JournalText.processed(
                                "2024-11-05T11:00:00Z",
                                "soft-bounce",
                                "sam@gmail.example.com",
                                "4.2.2",
                                "2024-fall",
                                "pdl-packet")
                        + JournalText.processed(
                                "2024-11-05T12:00:00Z",
                                "complaint",
                                "someone@example.org",
                                null,
                                "2023-spring",
                                "pdl-packet"));
        sample.append("subscribers/suppressed.csv", "zoe.mueller@example.org,one-click,2024-11-06T08:00:00Z\n");
    }

    private Document html() {
        SampleProject.Run run = sample.run("report", sample.issue().toString(), "--format", "html");
        assertThat(run.code()).as(run.err()).isZero();
        return Jsoup.parse(run.out());
    }

    @Test
    void theChartsCarryTheJournalsNumbers() {
        Document doc = html();

        Element domains = doc.getElementById("domains");
        assertThat(value(domains, "example.org", "accepted")).isEqualTo("2");
        assertThat(value(domains, "example.org", "in doubt")).isEqualTo("1");
        assertThat(value(domains, "gmail.example.com", "accepted")).isEqualTo("1");
        assertThat(value(domains, "gmail.example.com", "rejected")).isEqualTo("1");
        assertThat(domains.select("g.bar[data-label=gmail.example.com]").attr("data-total"))
                .isEqualTo("2");

        Element replies = doc.getElementById("replies");
        assertThat(value(replies, "250", "recipients")).isEqualTo("3");
        assertThat(value(replies, "550", "recipients")).isEqualTo("1");
        assertThat(value(replies, "554", "recipients")).isEqualTo("1");

        Element retries = doc.getElementById("retries");
        assertThat(value(retries, "attempt 1", "answers")).isEqualTo("5");
        assertThat(value(retries, "attempt 2", "answers")).isEqualTo("1");

        Element deliveries = doc.getElementById("deliveries");
        long answered = deliveries.select("g.col").stream()
                .mapToLong(g -> Long.parseLong(g.attr("data-total")))
                .sum();
        assertThat(answered).isEqualTo(6);
        assertThat(deliveries.select("rect[data-series=deferred]"))
                .singleElement()
                .satisfies(r -> assertThat(r.selectFirst("title").text()).endsWith("deferred: 1"));

        Element returned = doc.getElementById("returned");
        assertThat(value(returned, "hard bounces", "addresses")).isEqualTo("1");
        assertThat(value(returned, "soft bounces", "addresses")).isEqualTo("1");
        assertThat(value(returned, "complaints", "addresses")).isEqualTo("1");
        assertThat(value(returned, "unsubscribes", "addresses")).isEqualTo("1");
    }

    @Test
    void everyChartHasATitleADescriptionAndItsDataAsATable() {
        Document doc = html();

        List<Element> charts = doc.select("figure.chart");
        assertThat(charts)
                .extracting(Element::id)
                .containsExactly("deliveries", "throughput", "domains", "replies", "retries", "returned");
        for (Element chart : charts) {
            Element svg = chart.selectFirst("svg");
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.selectFirst("title").text()).isNotBlank();
            assertThat(svg.selectFirst("desc").text()).isNotBlank();
            assertThat(svg.attr("aria-labelledby")).contains(chart.id() + "-title", chart.id() + "-desc");
            assertThat(chart.select("table.chart-data tbody tr")).isNotEmpty();
        }
        assertThat(doc.getElementById("replies").select("table.chart-data tbody tr"))
                .extracting(Element::text)
                .containsExactly("250 3", "550 1", "554 1");
        // the detailed tables come after the charts
        assertThat(doc.select("main > section").first().hasClass("charts")).isTrue();
        assertThat(doc.select("h2").eachText()).anyMatch(h -> h.startsWith("Rejected"));
    }

    @Test
    void thePageNeedsNoNetwork() {
        SampleProject.Run run = sample.run("report", sample.issue().toString(), "--format", "html");
        Document doc = Jsoup.parse(run.out());

        assertThat(doc.select("script, link, iframe, object, embed, img, use, image"))
                .isEmpty();
        assertThat(doc.select("[src], [href], [xlink:href]")).isEmpty();
        assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
        assertThat(run.out()).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?https?:");
    }

    @Test
    void hostileAddressesAndRepliesStayText() {
        SampleProject.Run run = sample.run("report", sample.issue().toString(), "--format", "html");
        Document doc = Jsoup.parse(run.out());

        assertThat(doc.select("script, img, a")).isEmpty();
        assertThat(doc.getAllElements())
                .allSatisfy(e -> assertThat(e.attributes().asList())
                        .noneMatch(a -> a.getKey().startsWith("on")));
        assertThat(doc.select("td.addr").eachText()).contains(HOSTILE_ADDRESS);
        assertThat(doc.select("td.reply").eachText()).contains(HOSTILE_REPLY);
        Element bar = doc.getElementById("domains").selectFirst("g.bar[data-label=\"evil.example.org\"]");
        assertThat(bar).isNotNull();
        assertThat(run.out()).doesNotContain("<img").doesNotContain("<script").doesNotContain("<a ");
    }

    @Test
    void theTableAndJsonFormatsGainWhatCameBack() {
        SampleProject.Run table = sample.run("report", sample.issue().toString());
        assertThat(table.out())
                .contains("After the send")
                .containsPattern("complaints\\s+1\\s+33.33% of accepted \\(limit 0.3%\\)\\s+OVER LIMIT")
                .containsPattern("unsubscribes\\s+1");

        SampleProject.Run json = sample.run("report", sample.issue().toString(), "--format", "json");
        assertThat(json.out())
                .contains("\"returned\"")
                .contains("\"hardBounces\" : 1")
                .contains("\"complaints\" : 1")
                .contains("\"unsubscribes\" : 1")
                .contains("complaints > 0.3%");
    }

    private static String value(Element chart, String label, String series) {
        Element bar = chart.selectFirst("g[data-label=\"" + label + "\"]");
        assertThat(bar).as("bar " + label).isNotNull();
        Element rect = bar.selectFirst("rect[data-series=\"" + series + "\"]");
        return rect == null ? "0" : rect.attr("data-value");
    }
}
