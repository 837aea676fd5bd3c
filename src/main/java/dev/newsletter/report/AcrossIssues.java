package dev.newsletter.report;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.subscriber.SuppressionList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every issue's send to every list, one {@link IssueSummary} each, in date order, and each list's
 * size over time ({@link ListGrowth}). The journals are read one after the other, each in one
 * streaming pass; what is kept of each is its summary and its send-time hard bounces. {@code
 * tornLines}: each journal that had lines torn or damaged (skipped, so its row may count short), and
 * how many.
 */
public record AcrossIssues(List<IssueSummary> rows, List<ListGrowth> lists, Map<Path, Integer> tornLines) {

    public static AcrossIssues read(Config config) {
        ReturnPath returnPath = ReturnPath.read(config.processedMessagesFile(), config.suppressionFile());
        record Sent(JournalRef ref, DeliveryReport counts) {}
        List<Sent> sends = new ArrayList<>();
        Map<Path, Integer> torn = new LinkedHashMap<>();
        for (JournalRef ref : JournalRef.under(config.journalsDir(config.smtp().mode()))) {
            DeliveryReport delivery =
                    DeliveryReport.of(ref.path(), (email, time) -> returnPath.attribute(ref.key(), email, time));
            IssueReport.addSendTimeBounces(delivery, returnPath.reactions(ref.issue(), ref.list()));
            sends.add(new Sent(ref, slim(delivery)));
            if (delivery.tornLines() > 0) {
                torn.put(ref.path(), delivery.tornLines());
            }
        }
        returnPath.settle();
        List<IssueSummary> rows = new ArrayList<>();
        for (Sent sent : sends) {
            rows.add(IssueSummary.of(
                    sent.ref().issue(),
                    sent.ref().list(),
                    sent.counts(),
                    returnPath.reactions(sent.ref().issue(), sent.ref().list())));
        }
        rows.sort(Comparator.comparing((IssueSummary r) -> r.date() == null ? LocalDate.MAX : r.date())
                .thenComparing(IssueSummary::issue)
                .thenComparing(IssueSummary::list));
        return new AcrossIssues(List.copyOf(rows), growth(config, rows), Collections.unmodifiableMap(torn));
    }

    /** The report without its per-recipient lists: all a summary needs, so a hundred journals cost little. */
    private static DeliveryReport slim(DeliveryReport d) {
        return new DeliveryReport(
                d.recipients(),
                d.byOutcome(),
                Map.of(),
                Map.of(),
                d.results(),
                d.retries(),
                d.runs().isEmpty() ? List.of() : List.of(d.runs().get(0)),
                List.of(),
                List.of(),
                List.of(),
                d.tornLines(),
                new DeliveryReport.Timeline(1, List.of()),
                Map.of());
    }

    private static List<ListGrowth> growth(Config config, List<IssueSummary> rows) {
        Set<String> lists = new LinkedHashSet<>();
        lists.add(config.newsletter().list());
        rows.forEach(row -> lists.add(row.list()));
        Map<String, LocalDate> suppressedOn = new HashMap<>();
        SuppressionList.forEachEntry(config.suppressionFile(), entry -> {
            LocalDate day = ListGrowth.date(entry.suppressedAt());
            if (day != null) {
                suppressedOn.putIfAbsent(entry.email().key(), day);
            }
        });
        List<ListGrowth> growth = new ArrayList<>();
        for (String list : lists) {
            if (!ConfigLoader.LIST_NAME.matcher(list).matches()) {
                continue; // a journal file named by hand: no list file to read
            }
            Map<LocalDate, Long> sentOn = new TreeMap<>();
            for (IssueSummary row : rows) {
                if (row.list().equals(list) && row.date() != null) {
                    sentOn.merge(row.date(), row.sent(), Long::sum);
                }
            }
            if (!Files.exists(config.listFile(list)) && sentOn.isEmpty()) {
                continue;
            }
            growth.add(ListGrowth.of(list, config.listFile(list), suppressedOn, sentOn));
        }
        return List.copyOf(growth);
    }
}
