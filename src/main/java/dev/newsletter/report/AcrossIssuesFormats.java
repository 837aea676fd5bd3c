package dev.newsletter.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code report --all} in each format. The columns of the JSON rows and of the CSV are fixed (in
 * {@link #COLUMNS} order, whatever the data), so scripts and spreadsheets can rely on them; rates
 * are shares (0.012 is 1.2 %) in JSON and CSV, percentages in the table and the page.
 */
public final class AcrossIssuesFormats {
    /** The columns of a row, in order, in JSON and CSV. */
    public static final List<String> COLUMNS = List.of(
            "date",
            "issue",
            "list",
            "sent",
            "accepted",
            "hard_bounces",
            "soft_bounces",
            "complaints",
            "unsubscribes",
            "bounce_rate",
            "complaint_rate",
            "unsubscribe_rate",
            "flags");

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private AcrossIssuesFormats() {}

    /** For a terminal: {@code printable} strips what must not reach one (control characters) from names. */
    public static String table(AcrossIssues all, UnaryOperator<String> printable) {
        StringBuilder out = new StringBuilder();
        if (all.rows().isEmpty()) {
            return "No sends yet: no journal under var/.\n";
        }
        out.append(String.format(
                Locale.ROOT,
                "%-10s  %-20s %-16s %9s %9s %6s %6s %6s %6s %8s %8s %8s  %s%n",
                "date",
                "issue",
                "list",
                "sent",
                "accepted",
                "hard",
                "soft",
                "compl",
                "unsub",
                "bounce%",
                "compl%",
                "unsub%",
                "flags"));
        for (IssueSummary r : all.rows()) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-10s  %-20s %-16s %9d %9d %6d %6d %6d %6d %8s %8s %8s  %s%n",
                    r.date() == null ? "-" : r.date().toString(),
                    printable.apply(r.issue()),
                    printable.apply(r.list()),
                    r.sent(),
                    r.accepted(),
                    r.hardBounces(),
                    r.softBounces(),
                    r.complaints(),
                    r.unsubscribes(),
                    Numbers.percent(r.bounceRate()),
                    Numbers.percent(r.complaintRate()),
                    Numbers.percent(r.unsubscribeRate()),
                    r.flags().isEmpty() ? "" : "OVER LIMIT: " + String.join(", ", r.flags())));
        }
        out.append(
                "\nLimits mailbox providers enforce: spam complaints under 0.3% of accepted, bounces under 2% of sent.\n");
        long flagged = all.rows().stream().filter(r -> !r.flags().isEmpty()).count();
        if (flagged > 0) {
            out.append(flagged).append(flagged == 1 ? " send is" : " sends are").append(" over a limit.\n");
        }
        for (ListGrowth g : all.lists()) {
            out.append("\nList ").append(printable.apply(g.list())).append(": ");
            if (!g.problem().isEmpty()) {
                out.append("size over time unknown (")
                        .append(printable.apply(g.problem()))
                        .append(")\n");
                continue;
            }
            ListGrowth.Point last =
                    g.points().isEmpty() ? null : g.points().get(g.points().size() - 1);
            out.append(last == null ? 0 : last.size()).append(" subscribers by their dates");
            if (g.undated() > 0) {
                out.append(" (and ").append(g.undated()).append(" without a subscribed_at date)");
            }
            out.append('\n');
        }
        return out.toString();
    }

    public static String json(AcrossIssues all) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("limits", Map.of("complaintRate", ProviderLimits.COMPLAINTS, "bounceRate", ProviderLimits.BOUNCES));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (IssueSummary r : all.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            List<Object> values = values(r);
            for (int i = 0; i < COLUMNS.size(); i++) {
                row.put(COLUMNS.get(i), values.get(i));
            }
            rows.add(row);
        }
        root.put("issues", rows);
        List<Map<String, Object>> lists = new ArrayList<>();
        for (ListGrowth g : all.lists()) {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("list", g.list());
            list.put("problem", g.problem().isEmpty() ? null : g.problem());
            list.put("undated", g.undated());
            List<Map<String, Object>> points = new ArrayList<>();
            for (ListGrowth.Point p : g.points()) {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("date", p.date().toString());
                point.put("size", p.size());
                point.put("sent", Double.isNaN(p.sent()) ? null : (long) p.sent());
                points.add(point);
            }
            list.put("size", points);
            lists.add(list);
        }
        root.put("lists", lists);
        return JSON.writeValueAsString(root) + System.lineSeparator();
    }

    /** One row per send, {@link #COLUMNS}; RFC 4180, CRLF, formula-looking cells defused. */
    public static String csv(AcrossIssues all) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (IssueSummary r : all.rows()) {
            List<String> cells = new ArrayList<>();
            for (Object value : values(r)) {
                cells.add(Csv.cell(value == null ? "" : value instanceof Double d ? share(d) : value.toString()));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static List<Object> values(IssueSummary r) {
        List<Object> values = new ArrayList<>();
        values.add(r.date() == null ? null : r.date().toString());
        values.add(r.issue());
        values.add(r.list());
        values.add(r.sent());
        values.add(r.accepted());
        values.add(r.hardBounces());
        values.add(r.softBounces());
        values.add(r.complaints());
        values.add(r.unsubscribes());
        values.add(round(r.bounceRate()));
        values.add(round(r.complaintRate()));
        values.add(round(r.unsubscribeRate()));
        values.add(String.join(";", r.flags()));
        return values;
    }

    private static double round(double share) {
        return Math.round(share * 1_000_000) / 1_000_000.0;
    }

    private static String share(double d) {
        return String.format(Locale.ROOT, "%.6f", d);
    }

    public static String html(AcrossIssues all, Instant generated) {
        long sent = all.rows().stream().mapToLong(IssueSummary::sent).sum();
        long flagged = all.rows().stream().filter(r -> !r.flags().isEmpty()).count();
        Page page = new Page(
                "Newsletter report: all issues",
                "All issues",
                all.rows().size() + (all.rows().size() == 1 ? " send" : " sends") + " to "
                        + all.rows().stream().map(IssueSummary::list).distinct().count() + " list(s).");
        long complaints =
                all.rows().stream().mapToLong(IssueSummary::complaints).sum();
        long accepted = all.rows().stream().mapToLong(IssueSummary::accepted).sum();
        long bounces = all.rows().stream().mapToLong(IssueSummary::bounces).sum();
        long unsubscribes =
                all.rows().stream().mapToLong(IssueSummary::unsubscribes).sum();
        page.tiles(List.of(
                new Page.Tile("Sends", Numbers.count(all.rows().size()), "issue \u00d7 list", false),
                new Page.Tile("Sent", Numbers.count(sent), "recipients in all", false),
                new Page.Tile(
                        "Accepted",
                        Numbers.count(accepted),
                        sent == 0 ? "" : Numbers.percent((double) accepted / sent),
                        false),
                new Page.Tile(
                        "Bounces",
                        Numbers.count(bounces),
                        sent == 0 ? "" : Numbers.percent((double) bounces / sent) + " of sent",
                        false),
                new Page.Tile(
                        "Complaints",
                        Numbers.count(complaints),
                        accepted == 0 ? "" : Numbers.percent((double) complaints / accepted) + " of accepted",
                        false),
                new Page.Tile(
                        "Unsubscribes",
                        Numbers.count(unsubscribes),
                        accepted == 0 ? "" : Numbers.percent((double) unsubscribes / accepted) + " of accepted",
                        false),
                new Page.Tile("Over a limit", Numbers.count(flagged), flagged == 1 ? "send" : "sends", flagged > 0)));
        List<Chart> charts = new ArrayList<>();
        charts.add(rateChart(
                all,
                "complaint-rates",
                "Spam complaint rate per send",
                "Complaints as a share of the recipients accepted, per send; mailbox providers want it under 0.3%.",
                ProviderLimits.COMPLAINTS,
                IssueSummary::complaintRate,
                "limit 0.3%"));
        charts.add(rateChart(
                all,
                "bounce-rates",
                "Bounce rate per send",
                "Hard and soft bounces as a share of the recipients sent to, per send; keep it under 2%.",
                ProviderLimits.BOUNCES,
                IssueSummary::bounceRate,
                "limit 2%"));
        charts.add(sendsChart(all));
        int n = 0;
        for (ListGrowth g : all.lists()) {
            charts.add(growthChart(g, "list-size-" + n++));
        }
        page.charts(charts);
        Page.Table t = page.table(
                "Every send",
                List.of(
                        "date",
                        "issue",
                        "list",
                        "#sent",
                        "#accepted",
                        "#hard bounces",
                        "#soft bounces",
                        "#complaints",
                        "#unsubscribes",
                        "#bounce rate",
                        "#complaint rate",
                        "#unsubscribe rate",
                        "over a limit"));
        for (IssueSummary r : all.rows()) {
            t.row(
                    !r.flags().isEmpty(),
                    Page.Cell.date(r.date() == null ? "" : r.date().toString()),
                    Page.Cell.address(r.issue()),
                    Page.Cell.address(r.list()),
                    Page.Cell.number(r.sent()),
                    Page.Cell.number(r.accepted()),
                    Page.Cell.number(r.hardBounces()),
                    Page.Cell.number(r.softBounces()),
                    Page.Cell.number(r.complaints()),
                    Page.Cell.number(r.unsubscribes()),
                    Page.Cell.numeric(Numbers.percent(r.bounceRate())),
                    Page.Cell.numeric(Numbers.percent(r.complaintRate())),
                    Page.Cell.numeric(Numbers.percent(r.unsubscribeRate())),
                    Page.Cell.text(String.join(", ", r.flags())));
        }
        t.end("Bounces: hard and soft, each address once, of the recipients sent to. Complaints and unsubscribes:"
                + " of the recipients accepted. Unsubscribes through the link are given to the last send that"
                + " reached the address before it left.");
        return page.finish("Generated " + TIME.format(generated) + " UTC by ./newsletter report --all from the"
                + " delivery journals, var/inbox/processed.jsonl and the subscriber files.");
    }

    /** A send's label in the charts: the issue, and the list when there are several. */
    private static String label(AcrossIssues all, IssueSummary r) {
        boolean oneList = all.rows().stream().map(IssueSummary::list).distinct().count() <= 1;
        return oneList ? r.issue() : r.issue() + " \u2192 " + r.list();
    }

    private static Chart rateChart(
            AcrossIssues all,
            String id,
            String title,
            String desc,
            double limit,
            ToDoubleFunction<IssueSummary> rate,
            String limitLabel) {
        List<ChartRow> rows = new ArrayList<>();
        for (IssueSummary r : all.rows()) {
            rows.add(new ChartRow(label(all, r), new double[] {rate.applyAsDouble(r) * 100}));
        }
        return new BarChart(
                new Chart.Spec(
                        id, title, desc, "send", List.of(new Series("rate", "s-one")), rows, Numbers::percentValue),
                OptionalDouble.of(limit * 100),
                limitLabel);
    }

    private static Chart sendsChart(AcrossIssues all) {
        List<ChartRow> rows = new ArrayList<>();
        for (IssueSummary r : all.rows()) {
            rows.add(new ChartRow(label(all, r), new double[] {r.accepted(), r.sent() - r.accepted()}));
        }
        return new BarChart(new Chart.Spec(
                "sends",
                "Recipients per send",
                "Recipients of each send: accepted by their servers, and not (yet) accepted.",
                "send",
                List.of(new Series("accepted", "s-accepted"), new Series("not accepted", "s-deferred")),
                rows,
                Numbers::count));
    }

    private static Chart growthChart(ListGrowth g, String id) {
        List<ChartRow> rows = new ArrayList<>();
        for (ListGrowth.Point p : g.points()) {
            rows.add(new ChartRow(p.date().toString(), new double[] {p.size(), p.sent()}));
        }
        String desc =
                "Subscribers on list " + g.list() + " by day, from subscribed_at and the suppression list's dates;"
                        + " dots: recipients of each send (from the journals)."
                        + (g.undated() > 0 ? " " + g.undated() + " subscribers without a date are not counted." : "")
                        + (g.problem().isEmpty() ? "" : " The list file could not be read: " + g.problem());
        return new LineChart(
                new Chart.Spec(
                        id,
                        "List size over time: " + g.list(),
                        desc,
                        "date",
                        List.of(new Series("subscribers", "s-list"), new Series("sent", "s-sent")),
                        rows,
                        value -> Double.isNaN(value) ? "" : Numbers.count(value)),
                label -> label.substring(2));
    }
}
