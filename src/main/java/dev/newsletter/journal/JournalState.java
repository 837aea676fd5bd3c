package dev.newsletter.journal;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.mailing.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the journal says about each recipient so far: the last result, and whether an attempt is
 * still waiting for its result (in doubt: the process died mid-message). Compact: recipients are
 * kept by fingerprint in a {@link RecipientTable}; only the addresses in doubt (a few per
 * interrupted run) are kept as text. An address is known by its matching key ({@link
 * EmailAddress#keyOf}), so a person whose address is spelt in other case in the list since the last run
 * ({@code Li.Wei@} then {@code li.wei@}) is still the recipient the journal has, and is not mailed twice.
 */
public final class JournalState {
    static final int IN_DOUBT = 8;
    private static final int OUTCOME_MASK = 7;

    private final RecipientTable table = new RecipientTable();
    /** The addresses in doubt by matching key, as spelt in the attempt line. */
    private final Map<String, String> inDoubt = new LinkedHashMap<>();

    private int tornLines;

    /** Reads a journal without locking it (for reports while a send may be running). */
    public static JournalState read(Path file) {
        JournalState state = new JournalState();
        state.readLines(file, time -> {});
        return state;
    }

    /**
     * Takes in every line of the journal at {@code file}, and calls {@code attempted} with the time
     * of each attempt line (what the hourly quota counts).
     */
    void readLines(Path file, Consumer<Instant> attempted) {
        JournalReader.forEach(file, this::tornLine, line -> {
            switch (line.type()) {
                case "attempt" -> {
                    attempt(line.email());
                    attempted.accept(line.time());
                }
                case "result" -> result(line.email(), line.outcome());
                default -> {
                    // run lines carry no per-recipient state
                }
            }
        });
    }

    /** The recipient's last known state. */
    public record Recipient(Outcome lastOutcome, int attempts, boolean inDoubt) {}

    /** An attempt line: the data of a message went out. */
    synchronized void attempt(String email) {
        String match = EmailAddress.keyOf(email);
        long key = RecipientTable.fingerprint(match);
        int previous = table.state(key);
        int outcomeBits = previous < 0 ? 0 : previous & OUTCOME_MASK;
        table.put(key, outcomeBits | IN_DOUBT, true);
        inDoubt.remove(match);
        inDoubt.put(match, email);
    }

    /** A result line. */
    synchronized void result(String email, Outcome outcome) {
        String match = EmailAddress.keyOf(email);
        int previous = table.put(RecipientTable.fingerprint(match), outcome.ordinal() + 1, false);
        if (previous >= 0 && (previous & IN_DOUBT) != 0) {
            inDoubt.remove(match);
        }
    }

    synchronized void tornLine() {
        tornLines++;
    }

    public synchronized Optional<Recipient> recipient(String email) {
        long key = fingerprint(email);
        int state = table.state(key);
        if (state < 0) {
            return Optional.empty();
        }
        return Optional.of(new Recipient(outcomeOf(state), table.attempts(key), (state & IN_DOUBT) != 0));
    }

    /** Accepted or rejected: never sent again for this issue and list. */
    public synchronized boolean isDone(String email) {
        int state = table.state(fingerprint(email));
        if (state < 0 || (state & IN_DOUBT) != 0) {
            return false;
        }
        Outcome outcome = outcomeOf(state);
        return outcome != null && outcome.isFinal();
    }

    public synchronized boolean isInDoubt(String email) {
        int state = table.state(fingerprint(email));
        return state >= 0 && (state & IN_DOUBT) != 0;
    }

    /** Recipients whose last attempt has no result, in the order they were attempted. */
    public synchronized List<String> inDoubt() {
        return new ArrayList<>(inDoubt.values());
    }

    /** Recipients whose last result is {@code outcome} (and who are not in doubt since). */
    public synchronized long count(Outcome outcome) {
        long[] count = {0};
        table.forEachState(state -> {
            if ((state & IN_DOUBT) == 0 && outcomeOf(state) == outcome) {
                count[0]++;
            }
        });
        return count[0];
    }

    public synchronized int recipients() {
        return table.size();
    }

    public synchronized int tornLines() {
        return tornLines;
    }

    /** The bytes the recipients' table takes (the addresses in doubt come on top, as text). */
    synchronized long tableBytes() {
        return table.slotBytes();
    }

    private static long fingerprint(String email) {
        return RecipientTable.keyOf(email);
    }

    static Outcome outcomeOf(int state) {
        int bits = state & OUTCOME_MASK;
        return bits == 0 ? null : Outcome.values()[bits - 1];
    }
}
