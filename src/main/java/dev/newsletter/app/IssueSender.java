package dev.newsletter.app;

import dev.newsletter.config.Rate;
import dev.newsletter.config.SendingSettings;
import dev.newsletter.delivery.DkimConfig;
import dev.newsletter.delivery.DryRunMailer;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.IssueComposer;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.Pacing;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendHistory;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.mailing.Ticker;
import dev.newsletter.text.Plural;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends an issue to a list: the whole flow behind {@code ./newsletter send} and every scheduled
 * firing. Validates the list and renders a first message before connecting; then opens the journal
 * (one process per issue and list), rebuilds the hourly quota from the journals, opens the
 * transport, and runs {@link Mailing#send} between a run-start and a run-end journal line.
 */
public final class IssueSender {
    private final Map<String, String> env;
    private final Clock clock;
    private volatile Mailing running;
    private volatile String stopRequested;

    public IssueSender(Map<String, String> env, Clock clock) {
        MailSessions.useAngusStreamProvider();
        this.env = env;
        this.clock = clock;
    }

    /**
     * How to send.
     *
     * @param limit at most this many recipients in this run (0: all)
     * @param resendInDoubt resend recipients whose last attempt has no result
     * @param dryRun render and build every message, send and record nothing
     */
    public record Request(String list, long limit, boolean resendInDoubt, boolean dryRun) {}

    /**
     * Runs the send.
     *
     * @param notes receives a few plain lines for the user or the log (what is sent where)
     * @param progress makes the progress reporter, given the number of recipients
     * @throws dev.newsletter.input.InvalidInputException before anything is sent, for bad input
     * @throws dev.newsletter.journal.JournalLockedException when another process sends this issue to this list
     */
    public MailingReport send(
            Project project, Request request, Consumer<String> notes, LongFunction<Progress> progress) {
        String list = project.list(request.list());
        Project.CheckedRecipients recipients = project.recipients(list);
        IssueComposer composer = project.composer(
                list, MessageIds.forList(project.issue().id(), list, project.senderDomain()), "", env, clock);
        recipients.first().ifPresent(composer::compose);
        notes.accept(String.format(
                "%s to list '%s': %s (%d more suppressed)",
                project.issue().subject(),
                list,
                Plural.count(recipients.active(), "active subscriber", "active subscribers"),
                recipients.suppressed()));
        SendingSettings sending = project.config().sending();
        SendOptions options = new SendOptions(
                project.config().smtp().connections(),
                request.limit(),
                request.resendInDoubt(),
                sending.retry(),
                sending.maxErrors(),
                pacing(sending));
        if (request.dryRun()) {
            return run(
                    new Mailing(DryRunMailer.factory(DkimConfig.messageFactory(project.config(), env)), Journal.none()),
                    recipients,
                    composer,
                    options,
                    progress);
        }
        try (DeliveryJournal journal = DeliveryJournal.open(project.journalFile(list), clock)) {
            SendHistory history = journal.history();
            DeliveryJournal.addRecentSends(project.config().varDir().resolve("deliveries"), journal.file(), history);
            if (history.total() > 0 && sending.ratePerHour() > 0) {
                notes.accept(String.format(
                        "%s went out in the last hour; sending.ratePerHour is %.0f",
                        Plural.count(history.total(), "message", "messages"), sending.ratePerHour()));
            }
            var inDoubt = journal.state().inDoubt();
            if (!inDoubt.isEmpty()) {
                notes.accept(String.format(
                        "%s in doubt from an interrupted run (%s them): %s%s",
                        Plural.count(inDoubt.size(), "recipient is", "recipients are"),
                        request.resendInDoubt() ? "resending" : "skipping",
                        String.join(", ", inDoubt.stream().limit(10).toList()),
                        inDoubt.size() > 10 ? ", ..." : ""));
            }
            try (Transport transport =
                    Transport.open(project.config(), env, clock, project.outbox(), project.senderDomain())) {
                notes.accept("Sending through " + transport.description());
                String runId = clock.instant().toString();
                Map<String, Object> start = new LinkedHashMap<>();
                start.put("pid", ProcessHandle.current().pid());
                start.put("connections", options.workers());
                start.put("recipients", recipients.active());
                journal.runStarted(runId, start);
                MailingReport report = run(
                        new Mailing(transport.mailers(), journal, Ticker.system(), history),
                        recipients,
                        composer,
                        options,
                        progress);
                journal.runFinished(runId, summary(report));
                notes.accept("Journal: " + journal.file());
                if (report.hardBounces() > 0) {
                    notes.accept(Plural.count(report.hardBounces(), "address does", "addresses do")
                            + " not exist (5.1.x): mark them bounced; 'report --format csv'"
                            + " lists them with hard_bounce=true");
                }
                return report;
            }
        }
    }

    static Pacing pacing(SendingSettings sending) {
        Map<String, Double> perDomain = new LinkedHashMap<>();
        for (Map.Entry<String, Rate> entry : sending.perDomain().entrySet()) {
            perDomain.put(entry.getKey(), entry.getValue().perSecond());
        }
        return new Pacing(sending.ratePerSecond(), sending.ratePerHour(), perDomain);
    }

    private static Map<String, Object> summary(MailingReport report) {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("accepted", report.accepted());
        end.put("deferred", report.deferred());
        end.put("rejected", report.rejected());
        end.put("failed", report.failed());
        end.put("skipped", report.skipped());
        end.put("retries", report.retries());
        end.put("hardBounces", report.hardBounces());
        end.put("seconds", report.elapsed().toMillis() / 1000.0);
        report.stoppedBecause().ifPresent(reason -> end.put("stopped", reason));
        return end;
    }

    private MailingReport run(
            Mailing mailing,
            Project.CheckedRecipients recipients,
            IssueComposer composer,
            SendOptions options,
            LongFunction<Progress> progress) {
        running = mailing;
        if (stopRequested != null) {
            mailing.stop(stopRequested);
        }
        try {
            return mailing.send(recipients.recipients(), composer, options, progress.apply(recipients.active()));
        } finally {
            running = null;
        }
    }

    /** Stops a running send gracefully: no new recipients, messages in flight finish and are journaled. */
    public void stop(String reason) {
        stopRequested = reason;
        Mailing mailing = running;
        if (mailing != null) {
            mailing.stop(reason);
        }
    }
}
