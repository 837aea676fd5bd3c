package dev.newsletter.report;

import dev.newsletter.journal.DeliveryReport;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of one issue's send to one list: summary tiles, then the charts (deliveries over
 * time, throughput, outcomes by domain, SMTP replies, retries, what came back), each with its data
 * table, then the detailed tables. Long lists are cut at {@link #ROWS} rows with a note saying how to
 * get all of them (the CSV format).
 */
public final class IssuePage {
    static final int ROWS = 1_000;
    static final int DOMAINS_CHARTED = 12;
    static final int DOMAINS_LISTED = 100;
    static final String ALL_OTHER_DOMAINS = "(all other domains)";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static final List<Series> STATES = List.of(
            new Series("accepted", "s-accepted"),
            new Series("deferred", "s-deferred"),
            new Series("rejected", "s-rejected"),
            new Series("failed", "s-failed"),
            new Series("in doubt", "s-doubt"));

    private IssuePage() {}

    public static String render(IssueReport report, Instant generated) {
        DeliveryReport d = report.delivery();
        IssueSummary s = report.summary();
        Page page = new Page(
                "Delivery report: " + report.issue() + " to " + report.list(),
                report.issue() + " \u2192 " + report.list(),
                subtitle(d));
        page.tiles(tiles(d, s));
        page.charts(List.of(deliveries(d), throughput(d), domains(d), replies(d), retries(d), returned(s)));
        outcomes(page, d);
        codes(page, d);
        commonReplies(page, d);
        domainTable(page, d);
        runs(page, d);
        reactions(page, report.reactions(), s);
        entries(page, "In doubt (resent by the next send unless --in-doubt skip)", d.inDoubt());
        entries(page, "Rejected (never sent again; 5.1.x are hard bounces)", d.rejected());
        entries(page, "Still deferred or failed (sent again by the next send)", d.deferred());
        if (d.tornLines() > 0) {
            page.note(d.tornLines() + " torn or unreadable journal line(s) were skipped.");
        }
        return page.finish("Generated " + TIME.format(generated) + " UTC by ./newsletter report from the delivery"
                + " journal, var/inbox/processed.jsonl and subscribers/suppressed.csv. Times are UTC.");
    }

    private static String subtitle(DeliveryReport d) {
        String sent = d.runs().isEmpty()
                ? "no run recorded"
                : "sent " + TIME.format(d.runs().get(0).start()) + " \u2013 "
                        + TIME.format(d.runs().get(d.runs().size() - 1).end()) + " UTC in "
                        + d.runs().size()
                        + (d.runs().size() == 1 ? " run" : " runs");
        return Numbers.count(d.recipients()) + " recipients in the journal; " + sent + ".";
    }

    private static List<Page.Tile> tiles(DeliveryReport d, IssueSummary s) {
        long recipients = d.recipients();
        return List.of(
                new Page.Tile("Recipients", Numbers.count(recipients), "in the journal", false),
                new Page.Tile(
                        "Accepted", Numbers.count(d.count("accepted")), share(d.count("accepted"), recipients), false),
                new Page.Tile(
                        "Rejected", Numbers.count(d.count("rejected")), share(d.count("rejected"), recipients), false),
                new Page.Tile(
                        "Deferred or failed",
                        Numbers.count(d.count("deferred") + d.count("failed")),
                        "sent again next run",
                        false),
                new Page.Tile("In doubt", Numbers.count(d.count("in doubt")), "no reply recorded", false),
                new Page.Tile("Retries", Numbers.count(d.retries()), Numbers.count(d.results()) + " answers", false),
                new Page.Tile("Throughput", Numbers.rate(d.messagesPerSecond()), "accepted while sending", false),
                new Page.Tile(
                        "Bounces",
                        Numbers.count(s.bounces()),
                        Numbers.percent(s.bounceRate()) + " of sent (limit 2%)",
                        s.bouncesOverLimit()),
                new Page.Tile(
                        "Complaints",
                        Numbers.count(s.complaints()),
                        Numbers.percent(s.complaintRate()) + " of accepted (limit 0.3%)",
                        s.complaintsOverLimit()),
                new Page.Tile(
                        "Unsubscribes",
                        Numbers.count(s.unsubscribes()),
                        Numbers.percent(s.unsubscribeRate()) + " of accepted",
                        false));
    }

    private static String share(long n, long of) {
        return of == 0 ? "" : Numbers.percent((double) n / of);
    }

    static Chart deliveries(DeliveryReport d) {
        DeliveryReport.Timeline t = d.timeline().coarsen(48);
        List<ChartRow> rows = new ArrayList<>();
        for (DeliveryReport.Bucket b : t.buckets()) {
            rows.add(new ChartRow(
                    TIME.format(b.start()), new double[] {b.accepted(), b.deferred(), b.rejected(), b.failed()}));
        }
        return new ColumnChart(
                new Chart.Spec(
                        "deliveries",
                        "Deliveries over time",
                        "Answered attempts per " + width(t.bucketSeconds()) + " by outcome (accepted, deferred,"
                                + " rejected, failed), UTC.",
                        "from (UTC)",
                        STATES.subList(0, 4),
                        rows,
                        Numbers::count),
                label -> tick(label, t.bucketSeconds()));
    }

    static Chart throughput(DeliveryReport d) {
        DeliveryReport.Timeline t = d.timeline().coarsen(48);
        List<ChartRow> rows = new ArrayList<>();
        for (DeliveryReport.Bucket b : t.buckets()) {
            rows.add(new ChartRow(TIME.format(b.start()), new double[] {(double) b.accepted() / t.bucketSeconds()}));
        }
        return new ColumnChart(
                new Chart.Spec(
                        "throughput",
                        "Throughput",
                        "Messages accepted per second, averaged over each " + width(t.bucketSeconds()) + "; "
                                + Numbers.rate(d.messagesPerSecond()) + " over the time the runs were sending.",
                        "from (UTC)",
                        List.of(new Series("accepted per second", "s-accepted")),
                        rows,
                        Numbers::rate),
                label -> tick(label, t.bucketSeconds()));
    }

    static Chart domains(DeliveryReport d) {
        List<ChartRow> rows = topDomains(d, DOMAINS_CHARTED);
        return new BarChart(new Chart.Spec(
                "domains",
                "Outcomes by recipient domain",
                "Recipients per domain by their latest state, the " + DOMAINS_CHARTED
                        + " largest domains and all others together.",
                "domain",
                STATES,
                rows,
                Numbers::count));
    }

    /** The {@code top} domains by recipients, then the rest in one row. */
    static List<ChartRow> topDomains(DeliveryReport d, int top) {
        List<ChartRow> all = new ArrayList<>();
        d.byDomain().forEach((domain, counts) -> all.add(new ChartRow(domain, values(counts))));
        all.sort(Comparator.comparingDouble(ChartRow::total).reversed().thenComparing(ChartRow::label));
        List<ChartRow> rows = new ArrayList<>();
        double[] rest = new double[STATES.size()];
        boolean anyRest = false;
        for (ChartRow row : all) {
            if (rows.size() < top && !row.label().equals(DeliveryReport.OTHER_DOMAINS)) {
                rows.add(row);
            } else {
                anyRest = true;
                for (int i = 0; i < rest.length; i++) {
                    rest[i] += row.values()[i];
                }
            }
        }
        if (anyRest) {
            rows.add(new ChartRow(ALL_OTHER_DOMAINS, rest));
        }
        return rows;
    }

    private static double[] values(Map<String, Long> counts) {
        double[] values = new double[STATES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = counts.getOrDefault(STATES.get(i).name(), 0L);
        }
        return values;
    }

    static Chart replies(DeliveryReport d) {
        List<ChartRow> rows = new ArrayList<>();
        d.byCode()
                .forEach((code, n) ->
                        rows.add(new ChartRow(code == 0 ? "no reply" : code.toString(), new double[] {n})));
        return new BarChart(new Chart.Spec(
                "replies",
                "SMTP replies",
                "Recipients by the SMTP code of their latest reply (no reply: the connection broke first).",
                "SMTP code",
                List.of(new Series("recipients", "s-one")),
                rows,
                Numbers::count));
    }

    static Chart retries(DeliveryReport d) {
        List<ChartRow> rows = new ArrayList<>();
        d.resultsByAttempt().forEach((attempt, n) -> rows.add(new ChartRow("attempt " + attempt, new double[] {n})));
        return new BarChart(new Chart.Spec(
                "retries",
                "Retries",
                "Answered attempts by attempt number: attempt 1 is the first try, higher ones are retries ("
                        + d.retries() + " in all).",
                "attempt",
                List.of(new Series("answers", "s-one")),
                rows,
                Numbers::count));
    }

    static Chart returned(IssueSummary s) {
        List<ChartRow> rows = List.of(
                new ChartRow("hard bounces", new double[] {s.hardBounces()}),
                new ChartRow("soft bounces", new double[] {s.softBounces()}),
                new ChartRow("complaints", new double[] {s.complaints()}),
                new ChartRow("unsubscribes", new double[] {s.unsubscribes()}));
        return new BarChart(new Chart.Spec(
                "returned",
                "Bounces, complaints and unsubscribes",
                "Addresses that bounced (at send time or later by mail), complained or unsubscribed after this"
                        + " send: bounce rate " + Numbers.percent(s.bounceRate())
                        + " of sent (limit 2%), complaint rate "
                        + Numbers.percent(s.complaintRate()) + " of accepted (limit 0.3%).",
                "what",
                List.of(new Series("addresses", "s-rejected")),
                rows,
                Numbers::count));
    }

    private static void outcomes(Page page, DeliveryReport d) {
        Page.Table t = page.table("By outcome", List.of("state", "#recipients", "#share"));
        d.byOutcome()
                .forEach((state, n) ->
                        t.row(Page.Cell.text(state), Page.Cell.number(n), Page.Cell.numeric(share(n, d.recipients()))));
        t.end("");
    }

    private static void codes(Page page, DeliveryReport d) {
        Page.Table t =
                page.table("By SMTP code (latest reply per recipient; 0 = no reply)", List.of("code", "#recipients"));
        d.byCode().forEach((code, n) -> t.row(Page.Cell.text(code.toString()), Page.Cell.number(n)));
        t.end("");
    }

    /** The replies of the recipients not accepted, grouped by code and status, with one example text each. */
    private static void commonReplies(Page page, DeliveryReport d) {
        record Group(int code, String status) {}
        Map<Group, long[]> counts = new HashMap<>();
        Map<Group, String> examples = new HashMap<>();
        List<DeliveryReport.Entry> all = new ArrayList<>(d.rejected());
        all.addAll(d.deferred());
        for (DeliveryReport.Entry e : all) {
            Group g = new Group(e.code(), e.status());
            counts.computeIfAbsent(g, k -> new long[1])[0]++;
            examples.putIfAbsent(g, e.reply());
        }
        if (counts.isEmpty()) {
            return;
        }
        List<Group> groups = new ArrayList<>(counts.keySet());
        groups.sort(Comparator.comparingLong((Group g) -> -counts.get(g)[0])
                .thenComparingInt(Group::code)
                .thenComparing(Group::status));
        Page.Table t = page.table(
                "Most common replies to recipients not accepted",
                List.of("code", "status", "#recipients", "example reply"));
        groups.stream()
                .limit(20)
                .forEach(g -> t.row(
                        Page.Cell.text(Integer.toString(g.code())),
                        Page.Cell.text(g.status()),
                        Page.Cell.number(counts.get(g)[0]),
                        Page.Cell.reply(examples.get(g))));
        t.end(groups.size() > 20 ? (groups.size() - 20) + " less common replies are not shown." : "");
    }

    private static void domainTable(Page page, DeliveryReport d) {
        List<String> columns = new ArrayList<>(List.of("domain"));
        STATES.forEach(s -> columns.add("#" + s.name()));
        columns.add("#total");
        Page.Table t = page.table("By recipient domain", columns);
        for (ChartRow row : topDomains(d, DOMAINS_LISTED)) {
            List<Page.Cell> cells = new ArrayList<>();
            cells.add(Page.Cell.address(row.label()));
            for (double v : row.values()) {
                cells.add(Page.Cell.number((long) v));
            }
            cells.add(Page.Cell.number((long) row.total()));
            t.row(cells.toArray(Page.Cell[]::new));
        }
        t.end(
                d.byDomain().size() > DOMAINS_LISTED
                        ? "The " + DOMAINS_LISTED
                                + " largest domains; the others are counted together. report --format json"
                                + " lists every domain."
                        : "");
    }

    private static void runs(Page page, DeliveryReport d) {
        Page.Table t =
                page.table("Runs", List.of("run", "started (UTC)", "#seconds", "#accepted", "#per second", "end"));
        for (DeliveryReport.Run run : d.runs()) {
            double seconds = run.duration().toMillis() / 1000.0;
            t.row(
                    Page.Cell.text(run.id()),
                    Page.Cell.text(TIME.format(run.start())),
                    Page.Cell.numeric(String.format(Locale.ROOT, "%.1f", seconds)),
                    Page.Cell.number(run.accepted()),
                    Page.Cell.numeric(seconds <= 0 ? "" : Numbers.rate(run.accepted() / seconds)),
                    Page.Cell.text(
                            !run.finished()
                                    ? "killed (no end line)"
                                    : run.stopped().isEmpty() ? "finished" : "stopped: " + run.stopped()));
        }
        t.end("");
    }

    private static void reactions(Page page, List<Reaction> reactions, IssueSummary s) {
        Page.Table t = page.table(
                "Bounces, complaints and unsubscribes", List.of("what", "address", "status", "when", "found in"));
        for (Reaction r : reactions) {
            t.row(
                    Page.Cell.text(r.kind().label()),
                    Page.Cell.address(r.address()),
                    Page.Cell.text(r.status()),
                    Page.Cell.text(r.at()),
                    Page.Cell.reply(r.how()));
        }
        long total = s.hardBounces() + s.softBounces() + s.complaints() + s.unsubscribes();
        t.end((total > reactions.size() ? "The first " + reactions.size() + " of " + total + ". " : "")
                + "Unsubscribes through the link name no issue: each is given to the last send that reached"
                + " the address before it unsubscribed.");
    }

    private static void entries(Page page, String heading, List<DeliveryReport.Entry> entries) {
        Page.Table t = page.table(
                heading + ": " + Numbers.count(entries.size()),
                List.of("address", "#code", "status", "reply", "#attempt", "time (UTC)"));
        entries.stream()
                .limit(ROWS)
                .forEach(e -> t.row(
                        Page.Cell.address(e.email()),
                        Page.Cell.number(e.code()),
                        Page.Cell.text(e.status()),
                        Page.Cell.reply(
                                e.code() == 0 && e.reply().isEmpty() ? "no reply; " + e.messageId() : e.reply()),
                        Page.Cell.number(e.attempt()),
                        Page.Cell.text(TIME.format(e.time()))));
        t.end(
                entries.size() > ROWS
                        ? "The first " + ROWS + " by address; report --format csv lists all " + entries.size() + "."
                        : "");
    }

    static String width(long seconds) {
        if (seconds % 86_400 == 0) {
            return seconds == 86_400 ? "day" : seconds / 86_400 + " days";
        }
        if (seconds % 3_600 == 0) {
            return seconds == 3_600 ? "hour" : seconds / 3_600 + " hours";
        }
        if (seconds % 60 == 0) {
            return seconds == 60 ? "minute" : seconds / 60 + " minutes";
        }
        return seconds == 1 ? "second" : seconds + " seconds";
    }

    /** An axis label for a bucket that starts at {@code label} ("yyyy-MM-dd HH:mm:ss"). */
    static String tick(String label, long bucketSeconds) {
        if (bucketSeconds >= 86_400) {
            return label.substring(5, 10);
        }
        if (bucketSeconds >= 60) {
            return label.substring(11, 16);
        }
        return label.substring(11);
    }
}
