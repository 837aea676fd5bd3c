package dev.newsletter.subscriber;

import dev.newsletter.address.AddressWarnings;
import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The commands that change one subscriber: add, remove, unsubscribe, resubscribe. Each is one
 * read-modify-write under the list's {@link FileLock}: the whole list is read and checked (a list
 * with problems is not changed), the new version is written beside it and swapped in atomically, and
 * only the changed row differs, byte for byte. A command that refuses writes nothing.
 */
public final class ListEditor {
    private final Path list;
    private final Path suppressionFile;
    private final boolean allowUtf8LocalPart;
    private final Clock clock;
    private final Runnable onWait;

    private ListEditor(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock, Runnable onWait) {
        this.list = list;
        this.suppressionFile = suppressionFile;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.clock = clock;
        this.onWait = onWait;
    }

    /**
     * An editor of {@code list}. {@code onWait} runs when another command holds the list's lock and
     * this one has to wait for it.
     */
    public static ListEditor of(
            Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock, Runnable onWait) {
        SuppressionList.refuseAsList(list, suppressionFile);
        return new ListEditor(list, suppressionFile, allowUtf8LocalPart, clock, onWait);
    }

    /** An import into the same list, under the same lock and rules. */
    public ListImport importer() {
        return new ListImport(list, suppressionFile, allowUtf8LocalPart, clock, onWait);
    }

    /**
     * What a command did, in words, whether it changed any file, and what the user should know about
     * it all the same ({@code add}: a likely typo of a mail domain, a role address).
     */
    public record Outcome(boolean changed, String message, List<String> warnings) {
        public Outcome {
            warnings = List.copyOf(warnings);
        }

        public Outcome(boolean changed, String message) {
            this(changed, message, List.of());
        }
    }

    /**
     * Adds a subscriber at the end of the list. Refuses an invalid address and one already on the
     * list in any spelling ({@link EmailAddress#key()}); unless {@code force}, also one on the
     * suppression list (which still wins when sending). A missing list is created only with {@code
     * create}.
     */
    public Outcome add(NewSubscriber subscriber, boolean force, boolean create) {
        EmailAddress email = address(subscriber.email(), allowUtf8LocalPart);
        NewRow.check(list, subscriber);
        if (!Files.exists(list) && !create) {
            throw problem(FileTrouble.missing(list, "no such list") + "; pass --create to start a new one");
        }
        SuppressionList suppressed = SuppressionList.load(suppressionFile);
        long suppressedOn = suppressed.lineOf(email);
        if (suppressedOn >= 0 && !force) {
            throw InvalidInputException.of(Problem.atLine(
                    suppressionFile,
                    suppressedOn,
                    email + " is on the suppression list, so it is not added; pass --force to add it anyway"
                            + " (it stays suppressed until 'resubscribe')"));
        }
        String note = suppressedOn >= 0 ? "; it stays suppressed (suppressed.csv line " + suppressedOn + ")" : "";
        List<String> warnings = new AddressWarnings().about(email);
        Instant now = now();
        return underLock(list, () -> {
            if (!Files.exists(list) || Files.size(list) == 0) {
                try (CsvRewrite out = CsvRewrite.of(list)) {
                    NewRow.writeNewList(out, List.copyOf(subscriber.fields().keySet()), email, subscriber, now);
                    out.commit();
                }
                return new Outcome(true, "created " + list.getFileName() + " with " + email + note, warnings);
            }
            try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                    CsvRewrite out = CsvRewrite.of(list)) {
                NewRow.checkColumns(list, reader.header(), subscriber.fields().keySet());
                Subscriber[] same = {null};
                ListCopy.copy(reader, out, (record, row) -> {
                    if (row.email().equals(email)) {
                        same[0] = row;
                    }
                    return null;
                });
                if (same[0] != null) {
                    throw alreadyOnTheList(email, same[0]);
                }
                out.append(
                        NewRow.render(reader.header(), email, subscriber, now),
                        reader.header().lineEnding());
                out.commit();
                return new Outcome(true, "added " + email + " to " + list.getFileName() + note, warnings);
            }
        });
    }

    /** Refuses to add the same mailbox twice, however either is spelt: {@code --force} does not help here. */
    private InvalidInputException alreadyOnTheList(EmailAddress email, Subscriber row) {
        return InvalidInputException.of(Problem.atLine(
                list,
                row.line(),
                email + " is already on the list"
                        + (row.email().sameSpelling(email) ? "" : " as " + row.email())
                        + " (status " + row.status().label() + ")"
                        + (row.status() == Status.ACTIVE ? "" : "; use 'resubscribe'")));
    }

    /** Removes the subscriber's row. The suppression list is not touched. */
    public Outcome remove(String address) {
        EmailAddress email = address(address, true);
        requireList();
        return underLock(list, () -> {
            try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                    CsvRewrite out = CsvRewrite.of(list)) {
                Subscriber removed = ListCopy.copy(reader, out, email, (record, row) -> new byte[0]);
                if (removed == null) {
                    throw problem(email + " is not on the list");
                }
                out.commit();
                return new Outcome(true, "removed " + email + " (was on line " + removed.line() + ")");
            }
        });
    }

    /**
     * Marks the subscriber unsubscribed and adds the address to the suppression list, with the time
     * and {@code reason}; an address not on the list is still suppressed. The suppression list is
     * committed first: it is what keeps mail from being sent.
     */
    public Outcome unsubscribe(String address, String reason) {
        return withdraw(address, Status.UNSUBSCRIBED, reason);
    }

    /**
     * Like {@link #unsubscribe}, with another status for the row: {@link Status#BOUNCED} for a hard
     * bounce, {@link Status#COMPLAINED} for a spam complaint. A complained row stays complained.
     */
    public Outcome withdraw(String address, Status status, String reason) {
        EmailAddress email = address(address, true);
        NewRow.checkText(list, "reason", reason);
        requireList();
        Instant now = now();
        String label = status.label();
        return underLock(
                list,
                () -> underLock(suppressionFile, () -> {
                    try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                            CsvRewrite out = CsvRewrite.of(list)) {
                        Subscriber row = ListCopy.copy(
                                reader,
                                out,
                                email,
                                (record, subscriber) -> subscriber.status() == Status.COMPLAINED
                                        ? null // a complaint is final: a later bounce or unsubscribe keeps it
                                        : setStatus(reader.header(), record, subscriber, status));
                        try (SuppressionFile.Change suppression =
                                SuppressionFile.adding(suppressionFile, email, reason, now)) {
                            if (!out.changed() && suppression.rewrite() == null) {
                                String current =
                                        row == null ? label : row.status().label();
                                return new Outcome(
                                        false, email + " is already " + current + " and suppressed; nothing changed");
                            }
                            suppression.commit();
                            try {
                                out.commit();
                            } catch (InvalidInputException e) {
                                return suppressedOnly(email, label, e);
                            }
                        }
                        String done = status == Status.UNSUBSCRIBED
                                ? "unsubscribed " + email
                                : "marked " + email + " " + label;
                        String what = row == null
                                ? email + " is not on the list; added it to the suppression list"
                                : done + " (line " + row.line() + ") and added it to the suppression list";
                        return new Outcome(true, what);
                    }
                }));
    }

    /**
     * Adds the address to the suppression list only, with the time and {@code reason}. The list is
     * neither read nor changed, so a list with problems cannot stop it: the daemon's endpoint records
     * an unsubscribe this way first, then updates the list with {@link #unsubscribe}.
     */
    public Outcome suppress(String address, String reason) {
        EmailAddress email = address(address, true);
        NewRow.checkText(suppressionFile, "reason", reason);
        Instant now = now();
        return underLock(suppressionFile, () -> {
            try (SuppressionFile.Change suppression = SuppressionFile.adding(suppressionFile, email, reason, now)) {
                if (suppression.rewrite() == null) {
                    return new Outcome(false, email + " is already suppressed; nothing changed");
                }
                suppression.commit();
                return new Outcome(true, "added " + email + " to the suppression list");
            }
        });
    }

    /**
     * The suppression line is in, so the address gets no more mail; only the row's status could not be
     * written. That is done, with a warning, not "nothing changed".
     */
    private Outcome suppressedOnly(EmailAddress email, String label, InvalidInputException listTrouble) {
        List<String> warnings = listTrouble.problems().stream()
                .map(problem -> problem + "; " + email
                        + " is suppressed all the same; run the command again to mark the row " + label)
                .toList();
        return new Outcome(
                true,
                "added " + email + " to the suppression list, but could not mark it " + label + " in "
                        + list.getFileName(),
                warnings);
    }

    /**
     * Makes an unsubscribed (or pending) subscriber active again and lifts the suppression. A bounced
     * or complained address, or one suppressed for a bounce or a complaint, needs {@code force}.
     */
    public Outcome resubscribe(String address, boolean force) {
        EmailAddress email = address(address, allowUtf8LocalPart);
        requireList();
        return underLock(
                list,
                () -> underLock(suppressionFile, () -> {
                    try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                            CsvRewrite out = CsvRewrite.of(list);
                            SuppressionFile.Change suppression = SuppressionFile.removing(suppressionFile, email)) {
                        Subscriber row = ListCopy.copy(
                                reader,
                                out,
                                email,
                                (record, subscriber) -> setStatus(reader.header(), record, subscriber, Status.ACTIVE));
                        if (row == null) {
                            throw problem(email + " is not on the list; use 'add'");
                        }
                        refuseInvoluntary(email, row, suppression.entries(), force);
                        if (!out.changed() && suppression.rewrite() == null) {
                            return new Outcome(false, email + " is already active and not suppressed; nothing changed");
                        }
                        suppression.commit();
                        out.commit();
                        return new Outcome(
                                true,
                                "resubscribed " + email + " (line " + row.line() + ")"
                                        + (suppression.entries().isEmpty()
                                                ? ""
                                                : "; removed it from the suppression list"));
                    }
                }));
    }

    private void refuseInvoluntary(
            EmailAddress email, Subscriber row, List<SuppressionReader.Entry> suppressions, boolean force) {
        if (force) {
            return;
        }
        Problems refusals = new Problems();
        if (row.status() == Status.BOUNCED) {
            refusals.add(Problem.atLine(
                    list, row.line(), email + " bounced; pass --force if you know the address works again"));
        }
        if (row.status() == Status.COMPLAINED) {
            refusals.add(Problem.atLine(
                    list,
                    row.line(),
                    email + " complained of spam; pass --force if you know the address may be mailed again"));
        }
        for (SuppressionReader.Entry entry : suppressions) {
            String reason = entry.reason().toLowerCase(Locale.ROOT);
            if (reason.contains("bounce") || reason.contains("complain") || reason.contains("spam")) {
                refusals.add(Problem.atLine(
                        suppressionFile,
                        entry.record().line(),
                        email + " is suppressed for '" + entry.reason()
                                + "'; pass --force if you know the address may be mailed again"));
            }
        }
        refusals.throwIfAny();
    }

    private static byte[] setStatus(Header header, CsvRecord record, Subscriber subscriber, Status status) {
        int column = header.indexOf(Header.STATUS);
        if (column < 0 || subscriber.status() == status) {
            return null;
        }
        return record.withFields(Map.of(column, status.label()), header.delimiter());
    }

    private Outcome underLock(Path file, FileLock.Work<Outcome> work) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return FileLock.holding(file, onWait, work);
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private void requireList() {
        if (!Files.exists(list)) {
            throw problem(FileTrouble.missing(list, "no such list"));
        }
    }

    private InvalidInputException problem(String message) {
        return InvalidInputException.of(Problem.inFile(list, message));
    }

    private EmailAddress address(String text, boolean allowUtf8) {
        try {
            return EmailAddress.parse(text, allowUtf8);
        } catch (InvalidAddressException e) {
            throw problem(e.getMessage());
        }
    }
}
