package dev.newsletter.cli;

import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** {@code --status} and {@code --tag}, for the commands that show rows. */
final class SubscribersFilter {
    @Option(names = "--status", paramLabel = "STATUS", description = "Only rows with this status.")
    Status status;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only rows with this tag.")
    String tag;

    Predicate<Subscriber> predicate() {
        return subscriber -> (status == null || subscriber.status() == status)
                && (tag == null || subscriber.tags().contains(tag.strip()));
    }
}
