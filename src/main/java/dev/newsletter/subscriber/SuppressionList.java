package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The global suppression list ({@code subscribers/suppressed.csv}, columns {@code email,reason,
 * suppressed_at}): unsubscribes and hard bounces. It always wins over any list. A missing file is an
 * empty list. Held compactly, so a large suppression list does not crowd out a send.
 */
public final class SuppressionList {
    static final String HEADER = "email,reason,suppressed_at";

    private final AddressIndex addresses;

    private SuppressionList(AddressIndex addresses) {
        this.addresses = addresses;
    }

    public static SuppressionList empty() {
        return new SuppressionList(new AddressIndex());
    }

    /** Reads the file; throws {@link InvalidInputException} naming every bad line. */
    public static SuppressionList load(Path file) {
        if (!Files.exists(file)) {
            return empty();
        }
        AddressIndex addresses = new AddressIndex();
        Problems problems = new Problems();
        try (SuppressionReader reader = SuppressionReader.open(file)) {
            SuppressionReader.Entry entry;
            while ((entry = reader.next(problems)) != null) {
                if (entry.email() != null) {
                    addresses.putIfAbsent(entry.email(), (int) entry.record().line());
                }
            }
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        }
        problems.throwIfAny();
        return new SuppressionList(addresses);
    }

    /**
     * Refuses to treat the suppression list as a subscriber list ({@code --list suppressed}, or a list
     * that is a link to it): its rows would be read as active subscribers, and an edit would lock it
     * twice. Paths that cannot be followed are left for opening them to report.
     */
    public static void refuseAsList(Path list, Path suppressionFile) {
        boolean same;
        try {
            same = LinkTarget.of(list).equals(LinkTarget.of(suppressionFile));
        } catch (IOException e) {
            return;
        }
        if (same) {
            throw InvalidInputException.of(Problem.inFile(
                    list,
                    "this is the suppression list, not a subscriber list; name another list with --list"
                            + " (subscribers/NAME.csv)"));
        }
    }

    public boolean contains(EmailAddress address) {
        return addresses.get(address) >= 0;
    }

    /**
     * The line of the file that suppresses {@code address} (in whatever spelling: addresses match by
     * {@link EmailAddress#key()}), or -1 if it is not suppressed.
     */
    public long lineOf(EmailAddress address) {
        return addresses.get(address);
    }

    /** {@link #lineOf(EmailAddress)} for an address's index key (made once for several lookups). */
    long lineOf(AddressIndex.Key address) {
        return addresses.get(address);
    }

    public int size() {
        return addresses.size();
    }

    /** One entry of the file: the address, why, and when as written (empty when the file has no such column). */
    public record Entry(EmailAddress email, String reason, String suppressedAt) {}

    /**
     * Calls {@code action} with each valid entry of the file, in file order, for reports: a line
     * that cannot be read is skipped (commands that send or edit refuse such a file with {@link
     * #load}). A missing file has no entries.
     */
    public static void forEachEntry(Path file, Consumer<Entry> action) {
        if (!Files.exists(file)) {
            return;
        }
        try (SuppressionReader reader = SuppressionReader.open(file)) {
            int at = -1;
            for (int i = 0; i < reader.header().size(); i++) {
                if (Header.normalize(reader.header().field(i)).equals("suppressed_at")) {
                    at = i;
                }
            }
            Problems ignored = new Problems();
            SuppressionReader.Entry entry;
            while ((entry = reader.next(ignored)) != null) {
                if (entry.email() != null) {
                    action.accept(new Entry(
                            entry.email(),
                            entry.reason(),
                            at < 0 ? "" : entry.record().field(at)));
                }
            }
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        }
    }
}
