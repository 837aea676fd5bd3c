package dev.newsletter.app;

import dev.newsletter.bounce.ListChanges;
import dev.newsletter.config.Config;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.journal.JournalState;
import dev.newsletter.mailing.Outcome;
import dev.newsletter.subscriber.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The hard bounces a list's relay journals hold from send time: recipients whose final result is a
 * 5.1.x rejection (a recipient rejected in one run and accepted in a later one is not bounced). They
 * are applied as {@code inbox scan --apply} applies a hard bounce, through {@link InboxLists}:
 * status {@code bounced} on every list that has the address, and suppressed with reason {@code
 * hard-bounce}. Applying them twice changes nothing the second time.
 */
public final class SendTimeBounces {
    /** One recipient whose final result in the journal of {@code issue} is a 5.1.x rejection. */
    public record Bounce(String email, String issue, String status, String reply) {}

    /** A bounce and what applying it did. */
    public record Applied(Bounce bounce, ListChanges.Done done) {}

    private SendTimeBounces() {}

    /** The hard bounces in one journal, by each recipient's final result, in address order. */
    public static List<Bounce> in(Path journal, String issue) {
        return DeliveryReport.of(journal).rejected().stream()
                .filter(DeliveryReport.Entry::hardBounce)
                .map(entry -> new Bounce(entry.email(), issue, entry.status(), entry.reply()))
                .toList();
    }

    /**
     * The hard bounces in every relay journal of {@code list} ({@code var/deliveries/ISSUE/LIST.jsonl};
     * capture journals and test journals are not read), one per address in issue order. An address
     * another issue's journal has as accepted, in a run that ended after the rejection, is not one:
     * the final result wins across issues as it does across the runs of one.
     */
    public static List<Bounce> ofList(Config config, String list) {
        List<IssueJournal> journals = journals(config.journalsDir(SmtpSettings.Mode.RELAY), list);
        Map<String, Bounce> byAddress = new LinkedHashMap<>();
        for (IssueJournal journal : journals) {
            for (DeliveryReport.Entry entry : journal.report().rejected()) {
                if (entry.hardBounce()
                        && journals.stream()
                                .noneMatch(other ->
                                        other != journal && other.acceptedAfter(entry.email(), entry.time()))) {
                    byAddress.putIfAbsent(
                            entry.email().toLowerCase(Locale.ROOT),
                            new Bounce(entry.email(), journal.issue(), entry.status(), entry.reply()));
                }
            }
        }
        return List.copyOf(byAddress.values());
    }

    /** One issue's journal of the list, read without a lock. */
    private record IssueJournal(String issue, DeliveryReport report, JournalState state) {
        boolean acceptedAfter(String email, Instant time) {
            return state.recipient(email)
                            .map(recipient -> recipient.lastOutcome() == Outcome.ACCEPTED)
                            .orElse(false)
                    && report.runs().stream().anyMatch(run -> run.end().isAfter(time));
        }
    }

    private static List<IssueJournal> journals(Path deliveries, String list) {
        List<IssueJournal> journals = new ArrayList<>();
        if (!Files.isDirectory(deliveries)) {
            return journals;
        }
        try (Stream<Path> issues = Files.list(deliveries)) {
            for (Path issue : issues.filter(Files::isDirectory)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList()) {
                Path journal = issue.resolve(list + ".jsonl");
                if (Files.isRegularFile(journal)) {
                    journals.add(new IssueJournal(
                            issue.getFileName().toString(), DeliveryReport.of(journal), JournalState.read(journal)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + deliveries + ": " + e.getMessage(), e);
        }
        return journals;
    }

    /** Marks each address bounced on every list that has it and suppresses it ({@code hard-bounce}). */
    public static List<Applied> apply(Config config, Clock clock, List<Bounce> bounces) {
        InboxLists lists = new InboxLists(config, clock);
        List<Applied> applied = new ArrayList<>();
        for (Bounce bounce : bounces) {
            applied.add(new Applied(bounce, lists.withdraw(bounce.email(), Status.BOUNCED, "hard-bounce")));
        }
        return applied;
    }
}
