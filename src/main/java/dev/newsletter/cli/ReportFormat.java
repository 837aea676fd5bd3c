package dev.newsletter.cli;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.text.Plural;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How {@code report} prints a {@link DeliveryReport}. The table is for a terminal: what came from
 * outside (replies, addresses, domains) is printed through {@link TerminalText}.
 */
enum ReportFormat {
    table {
        @Override
        String render(DeliveryReport r, String issue, String list) {
            StringBuilder out = new StringBuilder();
            out.append(String.format(
                    Locale.ROOT,
                    "Issue %s to list %s: %s in the journal%n%n",
                    TerminalText.printable(issue),
                    TerminalText.printable(list),
                    Plural.count(r.recipients(), "recipient", "recipients")));
            out.append("By outcome\n");
            r.byOutcome().forEach((state, n) -> out.append(String.format(Locale.ROOT, "  %-10s %9d%n", state, n)));
            out.append("\nBy SMTP code (latest result per recipient; 0 = no reply)\n");
            r.byCode().forEach((code, n) -> out.append(String.format(Locale.ROOT, "  %-10d %9d%n", code, n)));
            out.append("\nBy recipient domain\n");
            out.append(String.format(
                    Locale.ROOT,
                    "  %-30s %9s %9s %9s %9s %9s%n",
                    "domain",
                    "accepted",
                    "rejected",
                    "deferred",
                    "failed",
                    "in doubt"));
            r.byDomain()
                    .forEach((domain, row) -> out.append(String.format(
                            Locale.ROOT,
                            "  %-30s %9d %9d %9d %9d %9d%n",
                            TerminalText.printable(domain),
                            row.get("accepted"),
                            row.get("rejected"),
                            row.get("deferred"),
                            row.get("failed"),
                            row.get("in doubt"))));
            out.append(String.format(
                    Locale.ROOT, "%nAttempts answered: %d, of which retries: %d%n", r.results(), r.retries()));
            out.append(String.format(
                    Locale.ROOT,
                    "Throughput: %.1f messages/s accepted while sending, over %s%n",
                    r.messagesPerSecond(),
                    Plural.count(r.runs().size(), "run", "runs")));
            for (DeliveryReport.Run run : r.runs()) {
                out.append(String.format(
                        Locale.ROOT,
                        "  run %s  %7.1f s  accepted %d%s%n",
                        run.start(),
                        run.duration().toMillis() / 1000.0,
                        run.accepted(),
                        run.finished()
                                ? run.stopped().isEmpty() ? "" : "  stopped: " + TerminalText.printable(run.stopped())
                                : "  (killed: no end line)"));
            }
            section(
                    out,
                    "In doubt (attempt without result; resent by the next send unless --in-doubt skip)",
                    r.inDoubt());
            section(out, "Rejected (never sent again; 5.1.x marked as hard bounce)", r.rejected());
            section(out, "Still deferred or failed (sent again by the next send)", r.deferred());
            if (r.tornLines() > 0) {
                out.append(String.format(
                        Locale.ROOT,
                        "%n%s skipped%n",
                        Plural.count(r.tornLines(), "torn journal line was", "torn journal lines were")));
            }
            return out.toString();
        }

        private void section(StringBuilder out, String title, List<DeliveryReport.Entry> entries) {
            out.append(String.format(Locale.ROOT, "%n%s: %d%n", title, entries.size()));
            for (DeliveryReport.Entry e : entries) {
                out.append(String.format(
                        Locale.ROOT,
                        "  %-40s %s%s%n",
                        TerminalText.printable(e.email()),
                        TerminalText.printable(
                                e.code() == 0 && e.reply().isEmpty()
                                        ? "attempt " + e.attempt() + " at " + e.time() + " " + e.messageId()
                                        : e.reply()),
                        e.hardBounce() ? "  [hard bounce]" : ""));
            }
        }
    },
    json {
        private final JsonMapper mapper =
                JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

        @Override
        String render(DeliveryReport r, String issue, String list) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("issue", issue);
            root.put("list", list);
            root.put("recipients", r.recipients());
            root.put("byOutcome", r.byOutcome());
            root.put("byCode", r.byCode());
            root.put("byDomain", r.byDomain());
            root.put("results", r.results());
            root.put("retries", r.retries());
            root.put("messagesPerSecond", Math.round(r.messagesPerSecond() * 10) / 10.0);
            List<Map<String, Object>> runs = new ArrayList<>();
            for (DeliveryReport.Run run : r.runs()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run", run.id());
                m.put("start", run.start().toString());
                m.put("end", run.end().toString());
                m.put("seconds", run.duration().toMillis() / 1000.0);
                m.put("accepted", run.accepted());
                m.put("finished", run.finished());
                m.put("stopped", run.stopped());
                runs.add(m);
            }
            root.put("runs", runs);
            root.put("inDoubt", entries(r.inDoubt()));
            root.put("rejected", entries(r.rejected()));
            root.put("deferred", entries(r.deferred()));
            root.put("tornLines", r.tornLines());
            return mapper.writeValueAsString(root) + System.lineSeparator();
        }

        private List<Map<String, Object>> entries(List<DeliveryReport.Entry> entries) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (DeliveryReport.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("email", e.email());
                m.put("state", e.outcome());
                m.put("code", e.code());
                m.put("status", e.status());
                m.put("reply", e.reply());
                m.put("messageId", e.messageId());
                m.put("attempt", e.attempt());
                m.put("time", e.time().toString());
                m.put("hardBounce", e.hardBounce());
                list.add(m);
            }
            return list;
        }
    },
    csv {
        @Override
        String render(DeliveryReport r, String issue, String list) {
            StringBuilder out =
                    new StringBuilder("state,email,code,status,reply,message_id,attempt,time,hard_bounce\r\n");
            List<DeliveryReport.Entry> all = new ArrayList<>(r.inDoubt());
            all.addAll(r.rejected());
            all.addAll(r.deferred());
            for (DeliveryReport.Entry e : all) {
                out.append(String.join(
                                ",",
                                cell(e.outcome()),
                                cell(e.email()),
                                Integer.toString(e.code()),
                                cell(e.status()),
                                cell(e.reply()),
                                cell(e.messageId()),
                                Integer.toString(e.attempt()),
                                e.time().toString(),
                                Boolean.toString(e.hardBounce())))
                        .append("\r\n");
            }
            return out.toString();
        }

        /** RFC 4180 quoting; a leading = + - @ is prefixed with ' so spreadsheets do not run it. */
        private String cell(String value) {
            String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            return v.matches(".*[\",\r\n].*") || v.contains(",") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    },

    html {
        @Override
        String render(DeliveryReport r, String issue, String list) {
            StringBuilder out = new StringBuilder(
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Delivery report: ");
            out.append(esc(issue))
                    .append(" to ")
                    .append(esc(list))
                    .append("</title>\n<style>")
                    .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                    .append("table{border-collapse:collapse;margin:0 0 1.5em}")
                    .append("th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}")
                    .append("td.n{text-align:right}</style></head><body>\n");
            out.append("<h1>")
                    .append(esc(issue))
                    .append(" to ")
                    .append(esc(list))
                    .append("</h1>\n");
            out.append(String.format(
                    Locale.ROOT,
                    "<p>%s in the journal; %s, %s; %.1f messages/s accepted while sending, over %s.</p>%n",
                    Plural.count(r.recipients(), "recipient", "recipients"),
                    Plural.count(r.results(), "answered attempt", "answered attempts"),
                    Plural.count(r.retries(), "retry", "retries"),
                    r.messagesPerSecond(),
                    Plural.count(r.runs().size(), "run", "runs")));
            out.append("<h2>By outcome</h2><table>");
            r.byOutcome().forEach((state, n) -> row(out, esc(state), n));
            out.append("</table>\n<h2>By SMTP code</h2><table>");
            r.byCode().forEach((code, n) -> row(out, Integer.toString(code), n));
            out.append("</table>\n<h2>By domain</h2><table><tr><th>domain</th>");
            DeliveryReport.STATES.forEach(
                    state -> out.append("<th>").append(esc(state)).append("</th>"));
            out.append("</tr>");
            r.byDomain().forEach((domain, counts) -> {
                out.append("<tr><td>").append(esc(domain)).append("</td>");
                counts.values()
                        .forEach(n -> out.append("<td class=\"n\">").append(n).append("</td>"));
                out.append("</tr>");
            });
            out.append("</table>\n");
            entries(out, "In doubt (resent by the next send unless --in-doubt skip)", r.inDoubt());
            entries(out, "Rejected (never sent again)", r.rejected());
            entries(out, "Still deferred or failed (sent again by the next send)", r.deferred());
            return out.append("</body></html>\n").toString();
        }

        private void row(StringBuilder out, String name, long n) {
            out.append("<tr><th>")
                    .append(name)
                    .append("</th><td class=\"n\">")
                    .append(n)
                    .append("</td></tr>");
        }

        private void entries(StringBuilder out, String title, List<DeliveryReport.Entry> entries) {
            out.append("<h2>")
                    .append(esc(title))
                    .append(": ")
                    .append(entries.size())
                    .append("</h2>\n");
            if (entries.isEmpty()) {
                return;
            }
            out.append("<table><tr><th>email</th><th>code</th><th>status</th><th>reply</th><th>attempt</th>"
                    + "<th>time</th><th>hard bounce</th></tr>");
            for (DeliveryReport.Entry e : entries) {
                out.append("<tr><td>")
                        .append(esc(e.email()))
                        .append("</td><td>")
                        .append(e.code())
                        .append("</td><td>")
                        .append(esc(e.status()))
                        .append("</td><td>")
                        .append(esc(e.reply()))
                        .append("</td><td>")
                        .append(e.attempt())
                        .append("</td><td>")
                        .append(e.time())
                        .append("</td><td>")
                        .append(e.hardBounce() ? "yes" : "")
                        .append("</td></tr>");
            }
            out.append("</table>\n");
        }

        private String esc(String text) {
            StringBuilder b = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    case '\'' -> b.append("&#39;");
                    default -> b.append(c);
                }
            }
            return b.toString();
        }
    };

    abstract String render(DeliveryReport report, String issue, String list);
}
