package dev.newsletter.journal;

import dev.newsletter.mailing.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Builds a {@link DeliveryReport} from a journal in one streaming pass (behind {@link
 * DeliveryReport#of}). Memory: the recipients'
 * latest states as fingerprints, per-domain counters, and the details of recipients not accepted
 * (the lists the report prints); accepted recipients cost a table slot each.
 */
final class DeliveryReportBuilder {
    private static final int IN_DOUBT = DeliveryReport.STATES.indexOf("in doubt");
    private static final int HAD_RESULT = 16;
    private static final int STATE = 15;

    private final RecipientTable states = new RecipientTable();
    private final Map<String, long[]> domains = new HashMap<>();
    private final Map<Integer, long[]> codes = new HashMap<>();
    private final Map<String, DeliveryReport.Entry> notAccepted = new HashMap<>();
    private final WaitingAttempts waiting = new WaitingAttempts(notAccepted);
    private final long[] totals = new long[DeliveryReport.STATES.size()];
    private final long[] otherDomains = new long[DeliveryReport.STATES.size()];
    private final DeliveryTimeline timeline = new DeliveryTimeline(Outcome.values().length);
    private final Map<Integer, long[]> attempts = new TreeMap<>();
    private final List<DeliveryReport.Run> runs = new ArrayList<>();
    private long results;
    private long recipientsWithResult;
    private int torn;

    private String runId;
    private Instant runStart;
    private Instant lastTime;
    private long runAccepted;

    private final BiConsumer<String, Instant> accepted;

    private DeliveryReportBuilder(BiConsumer<String, Instant> accepted) {
        this.accepted = accepted;
    }

    static DeliveryReport read(Path journal, Predicate<String> recipient, BiConsumer<String, Instant> accepted) {
        DeliveryReportBuilder report = new DeliveryReportBuilder(accepted);
        JournalReader.forEach(journal, () -> report.torn++, line -> {
            if (line.type().equals("run") || recipient.test(line.email())) {
                report.line(line);
            }
        });
        return report.build();
    }

    private void line(JournalLine line) {
        switch (line.type()) {
            case "run" -> run(line);
            case "attempt" -> attempt(line);
            case "result" -> result(line);
            default -> {
                // unknown line types are skipped: newer versions may add some
            }
        }
        if (!line.time().equals(Instant.EPOCH)) {
            lastTime = line.time();
        }
    }

    private void run(JournalLine line) {
        String event = line.event();
        if (event.equals("start")) {
            closeRun(false, "");
            runId = line.run();
            runStart = line.time();
            runAccepted = 0;
        } else if (event.equals("end") && runId != null) {
            lastTime = line.time();
            closeRun(true, line.stopped());
        }
    }

    private void closeRun(boolean finished, String stopped) {
        if (runId != null) {
            Instant end = lastTime == null || lastTime.isBefore(runStart) ? runStart : lastTime;
            runs.add(new DeliveryReport.Run(runId, runStart, end, runAccepted, finished, stopped));
            runId = null;
        }
    }

    private void attempt(JournalLine line) {
        String email = line.email();
        long key = RecipientTable.keyOf(email);
        int stored = states.state(key);
        int previous = stored < 0 ? -1 : stored & STATE;
        move(email, previous, IN_DOUBT, -1);
        states.put(key, IN_DOUBT | (stored < 0 ? 0 : stored & HAD_RESULT), true);
        waiting.park(
                email,
                new DeliveryReport.Entry(email, "in doubt", 0, "", "", line.messageId(), line.attempt(), line.time()));
    }

    private void result(JournalLine line) {
        String email = line.email();
        long key = RecipientTable.keyOf(email);
        Outcome outcome = line.outcome();
        int state = outcome.ordinal();
        int stored = states.state(key);
        int previous = stored < 0 ? -1 : stored & STATE;
        if (stored < 0 || (stored & HAD_RESULT) == 0) {
            recipientsWithResult++;
        }
        results++;
        timeline.add(line.time(), state);
        attempts.computeIfAbsent(Math.max(1, line.attempt()), a -> new long[1])[0]++;
        move(email, previous, state, line.code());
        states.put(key, state | HAD_RESULT, false);
        boolean wasWaiting = waiting.take(email);
        if (outcome == Outcome.ACCEPTED) {
            // its first attempt, answered while in the ring: the map holds nothing of it
            boolean firstAttempt = wasWaiting
                    && (stored < 0 || (stored & HAD_RESULT) == 0)
                    && (!waiting.spilled() || states.attempts(key) <= 1);
            if (!firstAttempt) {
                notAccepted.remove(email); // it may hold an earlier result, or an attempt the ring let go
            }
            runAccepted++;
            accepted.accept(email, line.time());
        } else {
            notAccepted.put(
                    email,
                    new DeliveryReport.Entry(
                            email,
                            outcome.label(),
                            line.code(),
                            line.status(),
                            line.reply(),
                            line.messageId(),
                            line.attempt(),
                            line.time()));
        }
    }

    /** Moves one recipient's count from its previous state (and code) to the new one. */
    private void move(String email, int previous, int state, int code) {
        String domain = email.substring(email.lastIndexOf('@') + 1);
        long[] perDomain = domains.get(domain);
        if (perDomain == null) {
            // a domain seen first after the cap is counted with the others, always (never moved in
            // later), so a recipient's later lines move its count within the same row
            perDomain = domains.size() < DeliveryReport.DOMAIN_CAP
                    ? domains.computeIfAbsent(domain, d -> new long[DeliveryReport.STATES.size()])
                    : otherDomains;
        }
        if (previous >= 0) {
            totals[previous]--;
            perDomain[previous]--;
            if (previous != IN_DOUBT) {
                int oldCode;
                if (previous == Outcome.ACCEPTED.ordinal()) {
                    oldCode = 250;
                } else {
                    DeliveryReport.Entry old = notAccepted.get(email);
                    oldCode = old == null ? 0 : old.code();
                }
                codes.computeIfAbsent(oldCode, c -> new long[1])[0]--;
            }
        }
        totals[state]++;
        perDomain[state]++;
        if (state != IN_DOUBT) {
            codes.computeIfAbsent(code, c -> new long[1])[0]++;
        }
    }

    private DeliveryReport build() {
        closeRun(false, "");
        waiting.flush();
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        for (int i = 0; i < totals.length; i++) {
            byOutcome.put(DeliveryReport.STATES.get(i), totals[i]);
        }
        Map<Integer, Long> byCode = new TreeMap<>();
        codes.forEach((code, count) -> {
            if (count[0] > 0) {
                byCode.put(code, count[0]);
            }
        });
        Map<String, Map<String, Long>> byDomain = new TreeMap<>();
        domains.forEach((domain, counts) -> {
            Map<String, Long> row = new LinkedHashMap<>();
            for (int i = 0; i < counts.length; i++) {
                row.put(DeliveryReport.STATES.get(i), counts[i]);
            }
            byDomain.put(domain, row);
        });
        if (Arrays.stream(otherDomains).anyMatch(n -> n != 0)) {
            Map<String, Long> row = new LinkedHashMap<>();
            for (int i = 0; i < otherDomains.length; i++) {
                row.put(DeliveryReport.STATES.get(i), otherDomains[i]);
            }
            byDomain.put(DeliveryReport.OTHER_DOMAINS, row);
        }
        Map<Integer, Long> byAttempt = new TreeMap<>();
        attempts.forEach((attempt, count) -> byAttempt.put(attempt, count[0]));
        List<DeliveryReport.Entry> inDoubt = new ArrayList<>();
        List<DeliveryReport.Entry> rejected = new ArrayList<>();
        List<DeliveryReport.Entry> deferred = new ArrayList<>();
        for (DeliveryReport.Entry entry : notAccepted.values()) {
            switch (entry.outcome()) {
                case "in doubt" -> inDoubt.add(entry);
                case "rejected" -> rejected.add(entry);
                default -> deferred.add(entry);
            }
        }
        Comparator<DeliveryReport.Entry> byEmail = Comparator.comparing(DeliveryReport.Entry::email);
        inDoubt.sort(byEmail);
        rejected.sort(byEmail);
        deferred.sort(byEmail);
        return new DeliveryReport(
                states.size(),
                byOutcome,
                byCode,
                byDomain,
                results,
                Math.max(0, results - recipientsWithResult),
                List.copyOf(runs),
                inDoubt,
                rejected,
                deferred,
                torn,
                timeline.build(),
                byAttempt);
    }
}
