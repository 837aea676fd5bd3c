package dev.newsletter.journal;

import dev.newsletter.mailing.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal says about each recipient so far: the last result, and whether an attempt is
 * still waiting for its result (in doubt: the process died mid-message).
 */
public final class JournalState {
    private final Map<String, Recipient> recipients = new HashMap<>();
    private int tornLines;

    /** The recipient's last known state. */
    public record Recipient(Outcome lastOutcome, int attempts, boolean inDoubt) {}

    void attempt(String email) {
        recipients.merge(
                email,
                new Recipient(null, 1, true),
                (old, x) -> new Recipient(old.lastOutcome(), old.attempts() + 1, true));
    }

    void result(String email, Outcome outcome) {
        recipients.merge(
                email, new Recipient(outcome, 1, false), (old, x) -> new Recipient(outcome, old.attempts(), false));
    }

    void tornLine() {
        tornLines++;
    }

    public Optional<Recipient> recipient(String email) {
        return Optional.ofNullable(recipients.get(email));
    }

    /** Accepted or rejected: never sent again for this issue and list. */
    public boolean isDone(String email) {
        Recipient r = recipients.get(email);
        return r != null
                && !r.inDoubt()
                && r.lastOutcome() != null
                && r.lastOutcome().isFinal();
    }

    public boolean isInDoubt(String email) {
        Recipient r = recipients.get(email);
        return r != null && r.inDoubt();
    }

    public List<String> inDoubt() {
        return recipients.entrySet().stream()
                .filter(e -> e.getValue().inDoubt())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    public long count(Outcome outcome) {
        return recipients.values().stream()
                .filter(r -> !r.inDoubt() && r.lastOutcome() == outcome)
                .count();
    }

    public int tornLines() {
        return tornLines;
    }
}
