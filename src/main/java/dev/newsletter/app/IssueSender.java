package dev.newsletter.app;

import dev.newsletter.delivery.DryRunMailer;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.mailing.IssueComposer;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendOptions;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Sends an issue to a list: the whole flow behind {@code ./newsletter send} and every scheduled
 * firing. Validates the list and renders a first message before connecting; then opens the journal
 * (one process per issue and list) and the transport, and runs {@link Mailing#send}.
 */
public final class IssueSender {
    private final Map<String, String> env;
    private final Clock clock;
    private volatile Mailing running;

    public IssueSender(Map<String, String> env, Clock clock) {
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
        project.firstActive(list).ifPresent(composer::compose);
        notes.accept(String.format(
                "%s to list '%s': %d active subscribers (%d more suppressed)",
                project.issue().subject(), list, recipients.active(), recipients.suppressed()));
        SendOptions options = new SendOptions(
                project.config().smtp().connections(),
                request.limit(),
                request.resendInDoubt(),
                project.config().sending().retry(),
                project.config().sending().maxErrors());
        if (request.dryRun()) {
            return run(new Mailing(DryRunMailer.factory(), Journal.none()), recipients, composer, options, progress);
        }
        try (DeliveryJournal journal = DeliveryJournal.open(project.journalFile(list), clock);
                Transport transport = Transport.open(project.config(), env, project.outbox(), project.senderDomain())) {
            notes.accept("Sending through " + transport.description());
            if (!journal.state().inDoubt().isEmpty()) {
                notes.accept(String.format(
                        "%d recipients are in doubt from an interrupted run (%s them): %s",
                        journal.state().inDoubt().size(),
                        request.resendInDoubt() ? "resending" : "skipping",
                        String.join(
                                ", ",
                                journal.state().inDoubt().stream().limit(10).toList())));
            }
            MailingReport report =
                    run(new Mailing(transport.mailers(), journal), recipients, composer, options, progress);
            notes.accept("Journal: " + journal.file());
            return report;
        }
    }

    private MailingReport run(
            Mailing mailing,
            Project.CheckedRecipients recipients,
            IssueComposer composer,
            SendOptions options,
            LongFunction<Progress> progress) {
        running = mailing;
        try {
            return mailing.send(recipients.recipients(), composer, options, progress.apply(recipients.active()));
        } finally {
            running = null;
        }
    }

    /** Stops a running send gracefully: no new recipients, messages in flight finish and are journaled. */
    public void stop(String reason) {
        Mailing mailing = running;
        if (mailing != null) {
            mailing.stop(reason);
        }
    }
}
