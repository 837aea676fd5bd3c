package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A subscriber list file ({@code subscribers/<list>.csv}), read as a stream: one row in memory at a
 * time, plus a compact index of the addresses seen, to refuse duplicates (a million rows fit in a
 * 256 MB heap). UTF-8 (a BOM is tolerated), header row required, columns {@code email,name,status,
 * subscribed_at,tags} in any order plus extra columns, which become attributes. Every problem names
 * the file and the line.
 */
public final class SubscriberFile {
    public static final List<String> STANDARD_COLUMNS = Header.STANDARD;

    private final Path file;
    private final boolean allowUtf8LocalPart;

    private SubscriberFile(Path file, boolean allowUtf8LocalPart) {
        this.file = file;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
    }

    /** A list whose addresses must have ASCII local parts. */
    public static SubscriberFile of(Path file) {
        return new SubscriberFile(file, false);
    }

    /** A list that may hold non-ASCII local parts when {@code allowUtf8LocalPart} (the relay speaks SMTPUTF8). */
    public static SubscriberFile of(Path file, boolean allowUtf8LocalPart) {
        return new SubscriberFile(file, allowUtf8LocalPart);
    }

    public Path path() {
        return file;
    }

    /**
     * Reads every row, passing valid ones to {@code action} in file order until the first problem;
     * then throws {@link dev.newsletter.input.InvalidInputException} if any row was invalid (bad
     * syntax, bad address, unknown status, bad date, duplicate address). Call {@link #validate()}
     * first when nothing may happen for an invalid file.
     */
    public void forEach(Consumer<Subscriber> action) {
        forEach(SuppressionList.empty(), (subscriber, suppressed) -> action.accept(subscriber));
    }

    /** What {@link #forEach(SuppressionList, RowAction)} passes each valid row to. */
    @FunctionalInterface
    public interface RowAction {
        /**
         * @param suppressed whether the suppression list has the row's address (in any spelling)
         */
        void accept(Subscriber subscriber, boolean suppressed);
    }

    /**
     * Like {@link #forEach(Consumer)}, also saying whether {@code suppression} has each row's
     * address: looked up with the index key the duplicate check made, so each address is keyed once.
     */
    public void forEach(SuppressionList suppression, RowAction action) {
        ProblemLimit problems = new ProblemLimit(file);
        AddressIndex seen = new AddressIndex();
        try (ListReader reader = ListReader.open(file, allowUtf8LocalPart)) {
            ListReader.Row row;
            while ((row = reader.next()) != null) {
                row.problems().forEach(problems::add);
                Subscriber subscriber = row.subscriber();
                if (subscriber == null) {
                    continue;
                }
                AddressIndex.Key key = AddressIndex.Key.of(subscriber.email());
                int earlier = seen.putIfAbsent(key, (int) subscriber.line());
                if (earlier >= 0) {
                    problems.add(duplicate(file, subscriber, earlier));
                } else if (problems.isEmpty()) {
                    action.accept(subscriber, suppression.lineOf(key) >= 0);
                }
            }
        }
        problems.throwIfAny(null);
    }

    /**
     * Like {@link #forEach}, passing only the subscribers a send goes to: status active, and not on
     * the suppression list, which always wins.
     */
    public void forEachRecipient(SuppressionList suppressed, Consumer<Subscriber> action) {
        forEach(suppressed, (subscriber, held) -> {
            if (subscriber.status() == Status.ACTIVE && !held) {
                action.accept(subscriber);
            }
        });
    }

    /**
     * Whether the list may have {@code email} (in any spelling): a valid row has it, or some row is
     * invalid or unreadable, so it might be that one. Reads every row, whatever problems come first;
     * throws only when the file cannot be opened or read.
     */
    public boolean mayHave(EmailAddress email) {
        boolean unsure = false;
        try (ListReader reader = ListReader.open(file, allowUtf8LocalPart)) {
            ListReader.Row row;
            while ((row = reader.next()) != null) {
                if (row.subscriber() != null && row.subscriber().email().equals(email)) {
                    return true;
                }
                unsure |= !row.problems().isEmpty();
            }
        }
        return unsure;
    }

    /**
     * The header's column names, normalised (lower case, spaces and hyphens as underscores), in
     * file order. Reads the header only.
     *
     * @throws dev.newsletter.input.InvalidInputException when the file or its header cannot be read
     */
    public List<String> columns() {
        try (ListReader reader = ListReader.open(file, allowUtf8LocalPart)) {
            return reader.header().names();
        }
    }

    /** Reads the whole file and throws, naming every problem (up to 100), if any row is invalid. */
    public void validate() {
        forEach(subscriber -> {});
    }

    /** The problem of a row whose address is already on an earlier line. */
    static Problem duplicate(Path file, Subscriber subscriber, int earlierLine) {
        return Problem.atLine(
                file,
                subscriber.line(),
                "duplicate address " + subscriber.email() + ", already on line " + earlierLine
                        + " (addresses match without regard to upper and lower case, domains also in their ASCII"
                        + " form)");
    }
}
