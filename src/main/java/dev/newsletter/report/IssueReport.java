package dev.newsletter.report;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.Config;
import dev.newsletter.journal.DeliveryReport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything the report of one issue's send to one list shows: the journal's {@link
 * DeliveryReport}, the bounces, complaints and unsubscribes that came back ({@link ReturnPath}),
 * and the summary row. Built in one streaming pass over the journal; the other journals are read
 * only when an unsubscribe this send reached might belong to a later send.
 */
public record IssueReport(
        String issue, String list, DeliveryReport delivery, IssueSummary summary, List<Reaction> reactions) {

    /** Reads the journal at {@code journal} and the project's return-path records. */
    public static IssueReport read(Config config, String issue, String list, Path journal) {
        return read(config, issue, list, journal, email -> true);
    }

    /**
     * Like {@link #read(Config, String, String, Path)}, about only the recipients {@code recipient}
     * accepts (a segment of the list).
     */
    public static IssueReport read(
            Config config, String issue, String list, Path journal, Predicate<String> recipient) {
        String me = ReturnPath.journalKey(issue, list);
        ReturnPath returnPath =
                ReturnPath.read(config.processedMessagesFile(), config.suppressionFile(), me, recipient);
        DeliveryReport delivery =
                DeliveryReport.of(journal, recipient, (email, time) -> returnPath.attribute(me, email, time));
        // only an unsubscribe this send reached before it can be this issue's; another journal can
        // only take it away (a later send reached the address before it left)
        returnPath.retainPending(key -> returnPath.attributedTo(key, me));
        if (returnPath.hasPending()) {
            for (JournalRef other :
                    JournalRef.under(config.journalsDir(config.smtp().mode()))) {
                if (!other.key().equals(me)) {
                    DeliveryReport.of(other.path(), (email, time) -> returnPath.attribute(other.key(), email, time));
                }
            }
        }
        returnPath.settle();
        Reactions reactions = returnPath.reactions(issue, list);
        addSendTimeBounces(delivery, reactions);
        return new IssueReport(
                issue,
                list,
                delivery,
                IssueSummary.of(issue, list, delivery, reactions),
                List.copyOf(reactions.shown()));
    }

    /** The report of the journal alone, without reading what came back after the send. */
    public static IssueReport journalOnly(String issue, String list, DeliveryReport delivery) {
        Reactions reactions = new Reactions();
        addSendTimeBounces(delivery, reactions);
        return new IssueReport(
                issue,
                list,
                delivery,
                IssueSummary.of(issue, list, delivery, reactions),
                List.copyOf(reactions.shown()));
    }

    /** The journal's 5.1.x rejections: hard bounces at send time, as {@code subscribers bounced} applies them. */
    static void addSendTimeBounces(DeliveryReport delivery, Reactions reactions) {
        for (DeliveryReport.Entry entry : delivery.rejected()) {
            if (entry.hardBounce()) {
                reactions.add(new Reaction(
                        Reaction.Kind.HARD_BOUNCE,
                        entry.email(),
                        EmailAddress.keyOf(entry.email()),
                        entry.status(),
                        entry.time().toString(),
                        "rejected at send time: " + entry.reply()));
            }
        }
    }
}
