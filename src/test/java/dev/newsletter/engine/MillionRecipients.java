package dev.newsletter.engine;

import dev.newsletter.config.SendingSettings;
import dev.newsletter.journal.DeliveryJournal;
import dev.newsletter.journal.DeliveryReport;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.mailing.Mailing;
import dev.newsletter.mailing.MailingReport;
import dev.newsletter.mailing.OutgoingMessage;
import dev.newsletter.mailing.Progress;
import dev.newsletter.mailing.SendOptions;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.SubscriberFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a JVM with a capped heap by {@link MillionRecipientsIT}: streams a subscriber file through
 * the engine with a journal on disk, twice (the second run resumes and skips everyone), then
 * reports on the journal. The mailer takes every message without a network (the data end is still
 * signalled, so attempt and result lines are written as in a real send). Prints one line of
 * numbers for the test to check.
 */
public final class MillionRecipients {
    private MillionRecipients() {}

    public static void main(String[] args) {
        Path csv = Path.of(args[0]);
        Path journalFile = Path.of(args[1]);
        SubscriberFile file = SubscriberFile.of(csv);
        SendOptions options =
                SendOptions.of(4, new SendingSettings.Retry(3, Duration.ofMillis(1), Duration.ofMillis(2)), 1000);
        MailingReport first;
        try (DeliveryJournal journal = DeliveryJournal.open(journalFile, Clock.systemUTC())) {
            first = new Mailing(() -> new AcceptingMailer(), journal)
                    .send(
                            action -> file.forEach(s -> {
                                if (s.status() == Status.ACTIVE) {
                                    action.accept(s);
                                }
                            }),
                            EngineRun.composer(),
                            options,
                            Progress.none());
        }
        MailingReport second;
        try (DeliveryJournal journal = DeliveryJournal.open(journalFile, Clock.systemUTC())) {
            second = new Mailing(() -> new AcceptingMailer(), journal)
                    .send(file::forEach, EngineRun.composer(), options, Progress.none());
        }
        DeliveryReport report = DeliveryReport.of(journalFile);
        System.out.printf(
                "accepted=%d skipped=%d reported=%d peakHeapMiB=%d%n",
                first.accepted(), second.skipped(), report.count("accepted"), peakHeap() / (1024 * 1024));
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Takes every message at once: what is measured is the engine and the journal, not the network. */
    private static final class AcceptingMailer implements Mailer {
        @Override
        public DeliveryResult send(OutgoingMessage message, DataEnd dataEnd) {
            dataEnd.beforeFinalDot();
            return DeliveryResult.ofReply(250, "250 2.0.0 Ok: queued");
        }

        @Override
        public void close() {}
    }
}
