package dev.newsletter.cli;

import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.report.AcrossIssues;
import dev.newsletter.report.AcrossIssuesFormats;
import dev.newsletter.report.Csv;
import dev.newsletter.report.IssuePage;
import dev.newsletter.report.IssueReport;
import dev.newsletter.report.IssueSummary;
import dev.newsletter.text.Plural;
import java.time.Instant;
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

        @Override
        String render(IssueReport report, Instant now) {
            IssueSummary s = report.summary();
            StringBuilder out = new StringBuilder(render(report.delivery(), report.issue(), report.list()));
            out.append("\nAfter the send (from the journal, inbox scan --apply and the suppression list)\n");
            out.append(String.format(
                    Locale.ROOT,
                    "  %-13s %9d%n  %-13s %9d%n  %-13s %9d  %s of sent (limit 2%%)%s%n"
                            + "  %-13s %9d  %s of accepted (limit 0.3%%)%s%n  %-13s %9d  %s of accepted%n",
                    "hard bounces",
                    s.hardBounces(),
                    "soft bounces",
                    s.softBounces(),
                    "bounces",
                    s.bounces(),
                    percent(s.bounceRate()),
                    s.bouncesOverLimit() ? "  OVER LIMIT" : "",
                    "complaints",
                    s.complaints(),
                    percent(s.complaintRate()),
                    s.complaintsOverLimit() ? "  OVER LIMIT" : "",
                    "unsubscribes",
                    s.unsubscribes(),
                    percent(s.unsubscribeRate())));
            return out.toString();
        }

        @Override
        String renderAll(AcrossIssues all, Instant now) {
            return AcrossIssuesFormats.table(all, TerminalText::printable);
        }

        private String percent(double share) {
            return String.format(Locale.ROOT, "%.2f%%", share * 100);
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
            return mapper.writeValueAsString(root(r, issue, list)) + System.lineSeparator();
        }

        @Override
        String render(IssueReport report, Instant now) {
            Map<String, Object> root = root(report.delivery(), report.issue(), report.list());
            IssueSummary s = report.summary();
            Map<String, Object> returned = new LinkedHashMap<>();
            returned.put("hardBounces", s.hardBounces());
            returned.put("softBounces", s.softBounces());
            returned.put("bounces", s.bounces());
            returned.put("complaints", s.complaints());
            returned.put("unsubscribes", s.unsubscribes());
            returned.put("bounceRate", Math.round(s.bounceRate() * 1_000_000) / 1_000_000.0);
            returned.put("complaintRate", Math.round(s.complaintRate() * 1_000_000) / 1_000_000.0);
            returned.put("unsubscribeRate", Math.round(s.unsubscribeRate() * 1_000_000) / 1_000_000.0);
            returned.put("flags", s.flags());
            root.put("returned", returned);
            return mapper.writeValueAsString(root) + System.lineSeparator();
        }

        @Override
        String renderAll(AcrossIssues all, Instant now) {
            return AcrossIssuesFormats.json(all);
        }

        private Map<String, Object> root(DeliveryReport r, String issue, String list) {
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
            return root;
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

        @Override
        String renderAll(AcrossIssues all, Instant now) {
            return AcrossIssuesFormats.csv(all);
        }

        private String cell(String value) {
            return Csv.cell(value);
        }
    },

    html {
        @Override
        String render(DeliveryReport r, String issue, String list) {
            return IssuePage.render(IssueReport.journalOnly(issue, list, r), Instant.EPOCH);
        }

        @Override
        String render(IssueReport report, Instant now) {
            return IssuePage.render(report, now);
        }

        @Override
        String renderAll(AcrossIssues all, Instant now) {
            return AcrossIssuesFormats.html(all, now);
        }
    };

    /** The journal's part of the report of one issue's send to one list. */
    abstract String render(DeliveryReport report, String issue, String list);

    /** The whole report of one issue's send to one list: the journal's part and what came back after it. */
    String render(IssueReport report, Instant now) {
        return render(report.delivery(), report.issue(), report.list());
    }

    /** {@code report --all}. */
    abstract String renderAll(AcrossIssues all, Instant now);
}
