package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.Rate;
import dev.newsletter.config.SendingSettings;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.DryRunMailer;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.journal.IssueSendLock;
import dev.newsletter.journal.RecentSends;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.Pacing;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendHistory;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.mailing.StopSignal;
import dev.newsletter.mailing.Ticker;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.text.Plural;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Where every kind of send is assembled: {@code ./newsletter send} and every scheduled firing
 * ({@link Request#everyone}), {@code send --dry-run} and the daemon's start-up try of each schedule
 * ({@link Request#dryRun}), and {@code ./newsletter test} ({@link Request#test}). Each runs {@link
 * Mailing#send}; only the recipients, the composer, the mailers and the journal differ.
 *
 * <p>A list send validates the list and renders a first message before connecting; then opens the
 * journal (one process per issue and list), rebuilds the hourly quota from the journals, opens the
 * transport, and runs the mailing between a run-start and a run-end journal line. A dry run renders
 * and builds every message and sends and records nothing. A test send mails the given addresses
 * (personalised from the list when they are on it), subject prefixed {@code [TEST]}, journaled apart
 * and never skipped.
 */
public final class IssueSender {
    private final Map<String, String> env;
    private final Clock clock;

    public IssueSender(Map<String, String> env, Clock clock) {
        MailSessions.useAngusStreamProvider();
        this.env = env;
        this.clock = clock;
    }

    /**
     * What to send to whom, made by name: {@link #everyone}, {@link #dryRun} or {@link #test}, then
     * narrowed with {@link #limitedTo} and {@link #skippingInDoubt}.
     */
    public static final class Request {
        private enum Kind {
            LIST,
            DRY_RUN,
            TEST
        }

        private final Kind kind;
        private final Audience audience;
        private final OptionalLong limit;
        private final boolean resendInDoubt;
        private final List<EmailAddress> to;

        private Request(
                Kind kind, Audience audience, OptionalLong limit, boolean resendInDoubt, List<EmailAddress> to) {
            this.kind = kind;
            this.audience = audience;
            this.limit = limit;
            this.resendInDoubt = resendInDoubt;
            this.to = List.copyOf(to);
        }

        /**
         * Everyone on the list the journal does not have as done, in-doubt recipients resent: what
         * {@code send} and a scheduled firing do.
         *
         * @param list the list's name (null: the config's default list)
         */
        public static Request everyone(String list) {
            return everyoneIn(Audience.of(list));
        }

        /** Everyone in the audience (lists merged, a segment) the journals do not have as done. */
        public static Request everyoneIn(Audience audience) {
            return new Request(Kind.LIST, audience, OptionalLong.empty(), true, List.of());
        }

        /** Renders and builds every message for the list; sends nothing and records nothing. */
        public static Request dryRun(String list) {
            return dryRunFor(Audience.of(list));
        }

        /** Renders and builds every message for the audience; sends nothing and records nothing. */
        public static Request dryRunFor(Audience audience) {
            return new Request(Kind.DRY_RUN, audience, OptionalLong.empty(), true, List.of());
        }

        /**
         * A {@code [TEST]} copy to the given addresses only, each personalised as its subscriber on
         * {@code list} when it is one; journaled apart from the list's sends, and sent every time.
         */
        public static Request test(String list, List<EmailAddress> to) {
            return new Request(Kind.TEST, Audience.of(list), OptionalLong.empty(), true, to);
        }

        /** At most {@code recipients} in this run (0: no one); the rest is left for the next run. */
        public Request limitedTo(long recipients) {
            return new Request(kind, audience, OptionalLong.of(recipients), resendInDoubt, to);
        }

        /** Recipients whose last attempt has no result (a crash mid-message) are skipped: at most once. */
        public Request skippingInDoubt() {
            return new Request(kind, audience, limit, false, to);
        }

        private SendOptions options(int workers, SendingSettings sending) {
            return options(workers, sending, 0);
        }

        /** The options of one list's share of the send, after {@code alreadySent} went to the lists before it. */
        private SendOptions options(int workers, SendingSettings sending, long alreadySent) {
            SendOptions options = SendOptions.of(workers, sending.retry(), sending.maxErrors());
            if (limit.isPresent()) {
                options = options.limitedTo(Math.max(0, limit.getAsLong() - alreadySent));
            }
            return resendInDoubt ? options : options.skippingInDoubt();
        }
    }

    /**
     * Runs the send.
     *
     * @param stop set (from any thread) to stop the send gracefully; a capture server that cannot
     *     write sets it too
     * @param notes receives a few plain lines for the user or the log (what is sent where)
     * @param progress makes the progress reporter, given the number of recipients
     * @throws dev.newsletter.input.InvalidInputException before anything is sent, for bad input
     * @throws dev.newsletter.journal.JournalLockedException when another process sends this issue to this list
     */
    public MailingReport send(
            Project project,
            Request request,
            StopSignal stop,
            Consumer<String> notes,
            LongFunction<Progress> progress) {
        if (request.kind == Request.Kind.TEST) {
            return test(project, project.list(request.audience.firstList()), request, stop, notes, progress);
        }
        if (request.audience.isWholeList()) {
            String list = project.list(request.audience.firstList());
            Project.CheckedRecipients recipients = project.recipients(list);
            return send(
                    project, request, list, recipients, wholeList(project, list, recipients), 0, stop, notes, progress);
        }
        List<AudienceRows.Part> parts = AudienceRows.of(project, request.audience);
        List<Project.CheckedRecipients> checked = parts.stream()
                .map(part -> project.recipients(part.list(), part.selected()))
                .toList();
        MailingReport total = null;
        for (int i = 0; i < parts.size() && !stop.stopped(); i++) {
            AudienceRows.Part part = parts.get(i);
            Project.CheckedRecipients recipients = checked.get(i);
            String note = project.issue().subject() + " to " + AudienceRows.size(project, part, recipients);
            MailingReport report = send(
                    project,
                    request,
                    part.list(),
                    recipients,
                    note,
                    total == null ? 0 : total.sent(),
                    stop,
                    notes,
                    progress);
            total = total == null ? report : Reports.plus(total, report);
            if (report.stoppedBecause().isPresent()) {
                break;
            }
        }
        return total != null
                ? total
                : new MailingReport(
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        java.time.Duration.ZERO,
                        Optional.of(stop.reason().orElse("stopped")));
    }

    private static String wholeList(Project project, String list, Project.CheckedRecipients recipients) {
        return String.format(
                "%s to list '%s': %s (%d more suppressed)",
                project.issue().subject(),
                list,
                Plural.count(recipients.active(), "active subscriber", "active subscribers"),
                recipients.suppressed());
    }

    /** Sends to the chosen recipients of one list, journaled as that list's send. */
    private MailingReport send(
            Project project,
            Request request,
            String list,
            Project.CheckedRecipients recipients,
            String note,
            long alreadySent,
            StopSignal stop,
            Consumer<String> notes,
            LongFunction<Progress> progress) {
        IssueComposer composer = project.composer(list, project.messageIds(list, env), "", env, clock);
        recipients.first().ifPresent(composer::compose);
        notes.accept(note);
        SendingSettings sending = project.config().sending();
        SendOptions options = request.options(project.config().smtp().connections(), sending, alreadySent)
                .pacedBy(pacing(sending));
        if (request.kind == Request.Kind.DRY_RUN) {
            return new Mailing(DryRunMailer.factory(), Journal.none())
                    .send(recipients.recipients(), composer, options, progress.apply(recipients.active()), stop);
        }
        // one list send of the issue at a time: this one skips whoever the other lists' journals have
        IssueSendLock issueLock =
                IssueSendLock.acquire(project.journalFile(list).getParent(), project.sendLockFile());
        try (issueLock;
                DeliveryJournal journal =
                        DeliveryJournal.open(project.journalFile(list), project.sendLockFile(), clock)) {
            SendHistory history = RecentSends.inLastHour(project.journalsFolder(), journal);
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
                        options.resendInDoubt() ? "resending" : "skipping",
                        String.join(", ", inDoubt.stream().limit(10).toList()),
                        inDoubt.size() > 10 ? ", ..." : ""));
            }
            try (Destination transport = Destination.open(
                    project.config(), env, clock, project.outbox(), project.senderDomain(), stop::stop)) {
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
                        () -> new Mailing(
                                        transport.mailers(),
                                        OtherListsJournal.around(journal, journal.file(), list),
                                        Ticker.system(),
                                        history)
                                .send(
                                        recipients.recipients(),
                                        composer,
                                        options,
                                        progress.apply(recipients.active()),
                                        stop));
                notes.accept("Journal: " + journal.file());
                if (report.hardBounces() > 0) {
                    notes.accept(hardBounces(project, list, journal.file(), report.hardBounces()));
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
     * The note on this send's hard bounces: in relay mode with {@code sending.suppressHardBounces}
     * they are marked bounced and suppressed now; otherwise (or if that fails, which never fails the
     * finished send) the note says how to do it.
     */
    private String hardBounces(Project project, String list, Path journal, long count) {
        if (project.config().smtp().mode() != SmtpSettings.Mode.RELAY
                || !project.config().sending().suppressHardBounces()) {
            return SendNotes.hardBounces(count, list);
        }
        try {
            List<SendTimeBounces.Applied> applied = SendTimeBounces.apply(
                    project.config(),
                    clock,
                    SendTimeBounces.in(journal, project.issue().id()));
            long changed = applied.stream().filter(a -> a.done().changed()).count();
            return SendNotes.hardBouncesSuppressed(changed);
        } catch (RuntimeException e) {
            return SendNotes.hardBouncesNotSuppressed(count, list, e);
        }
    }

    /**
     * A test send: every address gets the issue, as its subscriber on the list when it is one; the
     * journal records the attempts and results but never skips anyone; one connection, unpaced.
     */
    private MailingReport test(
            Project project,
            String list,
            Request request,
            StopSignal stop,
            Consumer<String> notes,
            LongFunction<Progress> progress) {
        List<Subscriber> recipients = request.to.stream()
                .map(address -> project.subscriber(list, address).orElse(Subscriber.adHoc(address)))
                .toList();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .format(clock.instant().atZone(ZoneOffset.UTC));
        IssueComposer composer = project.composer(list, project.testMessageIds(stamp, env), "[TEST] ", env, clock);
        recipients.forEach(composer::compose);
        SendOptions options = request.options(1, project.config().sending());
        try (DeliveryJournal journal = DeliveryJournal.open(project.testJournalFile(), project.sendLockFile(), clock);
                Destination transport = Destination.open(
                        project.config(),
                        env,
                        clock,
                        project.outbox().resolve("test"),
                        project.senderDomain(),
                        stop::stop)) {
            notes.accept("Sending a test through " + transport.description());
            return new Mailing(transport.mailers(), Journal.recordOnly(journal))
                    .send(recipients::forEach, composer, options, progress.apply(recipients.size()), stop);
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
}
