package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes the {@code pending} rows whose signup never got confirmed: those whose {@code
 * subscribed_at} (the time of the signup) is before a cut-off. A pending row without a time, or with
 * no {@code subscribed_at} column, is kept and counted: nobody can tell how old it is. One
 * read-modify-write under the list's lock, like every edit ({@link ListEditor}): a list with a bad
 * row is not changed, and the rows that stay are kept byte for byte. A dry run reads and reports
 * under the same lock and writes nothing.
 */
public final class PendingPrune {
    private final Path list;
    private final boolean allowUtf8LocalPart;
    private final Runnable onWait;

    public PendingPrune(Path list, boolean allowUtf8LocalPart, Runnable onWait) {
        this.list = list;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.onWait = onWait;
    }

    /**
     * What a prune removed (or, in a dry run, would remove).
     *
     * @param removed the pending rows signed up before the cut-off
     * @param keptWithoutTime pending rows kept because they have no signup time
     * @param keptRecent pending rows kept because they are newer than the cut-off
     * @param written whether the list was changed
     */
    public record Result(List<Subscriber> removed, long keptWithoutTime, long keptRecent, boolean written) {
        public Result {
            removed = List.copyOf(removed);
        }
    }

    /**
     * Removes (unless {@code dryRun}) the pending rows signed up before {@code cutoff}.
     *
     * @throws InvalidInputException when the list is missing or has a bad row (nothing changes)
     */
    public Result olderThan(Instant cutoff, boolean dryRun) {
        if (!Files.exists(list)) {
            throw InvalidInputException.of(Problem.inFile(list, FileTrouble.missing(list, "no such list")));
        }
        try {
            return FileLock.holding(list, onWait, () -> prune(cutoff, dryRun));
        } catch (IOException e) {
            throw FileTrouble.of(list, e);
        }
    }

    private Result prune(Instant cutoff, boolean dryRun) throws IOException {
        List<Subscriber> removed = new ArrayList<>();
        long[] kept = {0, 0};
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                CsvRewrite out = dryRun ? CsvRewrite.dryRun() : CsvRewrite.of(list)) {
            ListCopy.copy(reader, out, (record, subscriber) -> {
                if (subscriber.status() != Status.PENDING) {
                    return null;
                }
                Optional<Instant> signedUp = subscriber.subscribedAt().isBlank()
                        ? Optional.empty()
                        : Timestamps.parse(subscriber.subscribedAt());
                if (signedUp.isEmpty()) {
                    kept[0]++;
                    return null;
                }
                if (!signedUp.get().isBefore(cutoff)) {
                    kept[1]++;
                    return null;
                }
                removed.add(subscriber);
                return new byte[0];
            });
            boolean write = !dryRun && !removed.isEmpty();
            if (write) {
                out.commit();
            }
            return new Result(removed, kept[0], kept[1], write);
        }
    }
}
