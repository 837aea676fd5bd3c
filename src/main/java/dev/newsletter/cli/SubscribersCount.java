package dev.newsletter.cli;

import dev.newsletter.subscriber.ListView;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.SuppressionList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
        name = "count",
        mixinStandardHelpOptions = true,
        description = "Count subscribers by status, and how many a send would reach.")
final class SubscribersCount extends SubscribersSubcommand implements Callable<Integer> {
    @Override
    public Integer call() {
        SuppressionList suppressed = SuppressionList.load(suppressionFile());
        ListView.Counts counts = ListView.of(listFile(), allowUtf8LocalPart()).count(suppressed);
        for (Status status : Status.values()) {
            out().printf("%-14s %,10d%n", status.label(), counts.byStatus().get(status));
        }
        out().printf("%-14s %,10d%n", "total", counts.total());
        out().printf(
                        "%,d would be sent to (active and not suppressed; %,d active but suppressed)%n",
                        counts.sendable(), counts.activeButSuppressed());
        return ExitCode.OK;
    }
}
