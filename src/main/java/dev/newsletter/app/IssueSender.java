package dev.newsletter.app;

import dev.newsletter.config.Rate;
import dev.newsletter.config.SendingSettings;
import dev.newsletter.delivery.DryRunMailer;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.journal.DeliveryJournal;
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
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

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
     * @param list the list's name (null: the config's default list)
     * @param limit at most this many recipients in this run (empty: everyone; 0: no one)
     * @param resendInDoubt resend recipients whose last attempt has no result
     * @param dryRun render and build every message, send and record nothing
     */
    public record Request(String list, OptionalLong limit, boolean resendInDoubt, boolean dryRun) {
        /** Everyone on the list not yet sent, in-doubt recipients resent: what a scheduled firing does. */
        public static Request everyone(String list) {
            return new Request(list, OptionalLong.empty(), true, false);
        }
    }

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
            return run(new Mailing(DryRunMailer.factory(), Journal.none()), recipients, composer, options, progress);
        }
        try (DeliveryJournal journal = DeliveryJournal.open(project.journalFile(list), project.sendLockFile(), clock)) {
            SendHistory history = journal.history();
            DeliveryJournal.addRecentSends(project.journalsFolder(), journal.file(), history);
            if (history.total() > 0 && sending.ratePerHour() > 0) {
                notes.accept(String.format(
                        "%s went out in the last hour; sending.ratePerHour is %.0f",
                        Plural.count(history.total(), "message", "messages"), sending.ratePerHour()));
            }
            if (journal.state().tornLines() > 0) {
                notes.accept(journal.state().tornLines()
                        + " unreadable journal line(s) skipped (torn by a crash, or not UTF-8) in " + journal.file());
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
            try (Destination transport = Destination.open(
                    project.config(), env, clock, project.outbox(), project.senderDomain(), this::stop)) {
                notes.accept("Sending through " + transport.description());
                String runId = clock.instant().toString();
                Map<String, Object> start = new LinkedHashMap<>();
                start.put("pid", ProcessHandle.current().pid());
                start.put("connections", options.workers());
                start.put("recipients", recipients.active());
                start.put("transport", transport.description());
                journal.runStarted(runId, start);
                MailingReport report = sent(
                        journal,
                        runId,
                        notes,
                        () -> run(
                                new Mailing(transport.mailers(), journal, Ticker.system(), history),
                                recipients,
                                composer,
                                options,
                                progress));
                notes.accept("Journal: " + journal.file());
                if (report.hardBounces() > 0) {
                    notes.accept(SendNotes.hardBounces(report.hardBounces(), list));
                }
                if (report.skipped() > 0 && report.skipped() == recipients.active() && report.sent() == 0) {
                    notes.accept(SendNotes.nothingToSend(
                            report.skipped(),
                            journal.file(),
                            project.config().smtp().mode()));
                }
                return report;
            }
        }
    }

    /**
     * Runs the mailing and checks the journal after it: a journal deleted or replaced during the send
     * stops the run (if nothing noticed it before) and is written back. Anything that fails once
     * messages may have gone out is a {@link SendStoppedException}, never "nothing was sent".
     */
    private static MailingReport sent(
            DeliveryJournal journal, String runId, Consumer<String> notes, Supplier<MailingReport> mailing) {
        try {
            MailingReport report = mailing.get();
            boolean gone = !journal.inPlace();
            if (gone) {
                report = report.stopped("the journal " + journal.file()
                        + " was deleted or replaced during the send (was var/ deleted?)");
            }
            journal.runFinished(runId, summary(report));
            if (gone) {
                journal.putBackIfGone()
                        .ifPresentOrElse(
                                back -> notes.accept("The journal was written back to " + back
                                        + ", so the next send resumes where this one stopped."),
                                () -> notes.accept("Another file is at " + journal.file()
                                        + " now: this run's journal lines are not in it, so the next send"
                                        + " may send again to those this run reached."));
            }
            return report;
        } catch (RuntimeException e) {
            throw new SendStoppedException(e);
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
