package dev.newsletter.report;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.bounce.ProcessedMessages;
import dev.newsletter.subscriber.SuppressionList;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What came back after the sends, per issue and list, from the records other commands keep:
 *
 * <ul>
 *   <li>{@code var/inbox/processed.jsonl} ({@code inbox scan --apply}): hard and soft bounces,
 *       complaints and mailed unsubscribes, each already matched to its issue and list through our
 *       Message-ID ({@code var/bounces.jsonl} holds the same soft bounces again, for counting them);
 *   <li>{@code subscribers/suppressed.csv}: unsubscribes through the one-click link, the page or
 *       {@code subscribers unsubscribe}. Those name no issue (the link's token carries the list and
 *       the address only), so each is given to the <em>last</em> send that reached the address
 *       before it unsubscribed: {@link #attribute}. An unsubscribe the inbox records already
 *       matched to an issue is not counted again from the suppression list.
 * </ul>
 *
 * Hard bounces at send time (5.1.x on RCPT) come from the journal itself; the report adds them.
 */
final class ReturnPath {
    private final Map<String, Reactions> byJournal = new HashMap<>();
    private final Map<String, Pending> pending = new HashMap<>();

    /** A suppression-list unsubscribe waiting to be given to a send, and the best send found so far. */
    private static final class Pending {
        final Reaction reaction;
        final Instant at;
        String journal;
        Instant sentAt;

        Pending(Reaction reaction, Instant at) {
            this.reaction = reaction;
            this.at = at;
        }
    }

    private ReturnPath() {}

    static ReturnPath read(Path processedMessages, Path suppressionFile) {
        return read(processedMessages, suppressionFile, "", address -> true);
    }

    /**
     * Like {@link #read(Path, Path)}, keeping of the inbox's reactions to the send known as {@code
     * journal} ({@link #journalKey}) only those of the addresses {@code recipient} accepts (a segment
     * of the list, as its journal was read). The suppression list's unsubscribes need no such filter:
     * they go only to a send whose journal had the address accepted ({@link #attribute}).
     */
    static ReturnPath read(Path processedMessages, Path suppressionFile, String journal, Predicate<String> recipient) {
        ReturnPath returnPath = new ReturnPath();
        Set<String> unsubscribedByMail = new HashSet<>();
        ProcessedMessages.forEachLine(processedMessages, line -> {
            Reaction.Kind kind = Reaction.Kind.ofScan(line.kind());
            if (kind == null || line.recipient() == null) {
                return;
            }
            String key = key(line.recipient());
            if (kind == Reaction.Kind.UNSUBSCRIBE) {
                unsubscribedByMail.add(key);
            }
            if (line.issue() != null
                    && line.list() != null
                    && (!journalKey(line.issue(), line.list()).equals(journal)
                            || recipient.test(canonical(line.recipient())))) {
                returnPath
                        .reactions(line.issue(), line.list())
                        .add(new Reaction(
                                kind,
                                line.recipient(),
                                key,
                                line.status() == null ? "" : line.status(),
                                line.at() == null ? "" : line.at(),
                                "inbox " + (line.source() == null ? "" : line.source())));
            }
        });
        SuppressionList.forEachEntry(suppressionFile, entry -> {
            if (!unsubscribe(entry.reason())
                    || unsubscribedByMail.contains(entry.email().key())) {
                return;
            }
            Instant at = instant(entry.suppressedAt());
            if (at == null) {
                return; // no time: no way to tell which send it followed
            }
            String key = entry.email().key();
            returnPath.pending.putIfAbsent(
                    key,
                    new Pending(
                            new Reaction(
                                    Reaction.Kind.UNSUBSCRIBE,
                                    entry.email().toString(),
                                    key,
                                    "",
                                    entry.suppressedAt(),
                                    entry.reason()),
                            at));
        });
        return returnPath;
    }

    /** A suppression reason that means the person asked to leave (not a bounce or a complaint). */
    static boolean unsubscribe(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        return r.contains("unsub") || r.equals("one-click") || r.equals("mailto");
    }

    /** The key a journal's issue and list are known by here. */
    static String journalKey(String issue, String list) {
        return issue + "\n" + list;
    }

    Reactions reactions(String issue, String list) {
        return byJournal.computeIfAbsent(journalKey(issue, list), k -> new Reactions());
    }

    /** Whether some unsubscribe still waits for {@link #attribute}. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Notes that the journal known as {@code journal} ({@link #journalKey}) had {@code email}
     * accepted at {@code time}: the send an unsubscribe is given to is the latest such note at or
     * before the unsubscribe. Call for every accepted result of every journal, then {@link #settle}.
     */
    void attribute(String journal, String email, Instant time) {
        if (pending.isEmpty()) {
            return;
        }
        Pending p = pending.get(EmailAddress.keyOf(email));
        if (p != null && !time.isAfter(p.at) && (p.sentAt == null || time.isAfter(p.sentAt))) {
            p.journal = journal;
            p.sentAt = time;
        }
    }

    /** Keeps only the unsubscribes that {@code keep} says yes to (by their matching key). */
    void retainPending(Predicate<String> keep) {
        pending.keySet().removeIf(key -> !keep.test(key));
    }

    /** Whether the unsubscribe of {@code key} is, so far, given to {@code journal}. */
    boolean attributedTo(String key, String journal) {
        Pending p = pending.get(key);
        return p != null && journal.equals(p.journal);
    }

    /** Adds each unsubscribe to the reactions of the send it was given to; those with none are left out. */
    void settle() {
        for (Pending p : pending.values()) {
            if (p.journal != null) {
                byJournal.computeIfAbsent(p.journal, k -> new Reactions()).add(p.reaction);
            }
        }
        pending.clear();
    }

    /** The address as the journal writes it ({@link EmailAddress#toString}), or as given if it is none. */
    private static String canonical(String address) {
        try {
            return EmailAddress.parse(address, true).toString();
        } catch (InvalidAddressException e) {
            return address;
        }
    }

    private static String key(String address) {
        try {
            return EmailAddress.parse(address, true).key();
        } catch (InvalidAddressException e) {
            return address.toLowerCase(Locale.ROOT);
        }
    }

    private static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            try {
                // a date alone: the end of that day, so a send that day comes before it
                return LocalDate.parse(text.strip())
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                        .minusNanos(1);
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
