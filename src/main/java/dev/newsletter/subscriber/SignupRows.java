package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The two changes a double opt-in makes to a list, each one read-modify-write under the list's and
 * the suppression list's {@link FileLock}, written atomically like every other edit ({@link
 * ListEditor}): a signup adds a {@code pending} row, a confirmation makes it {@code active}. Neither
 * ever adds a second row for an address, in any spelling.
 *
 * <p>Two optional columns record how: {@value #SOURCE} ({@code form}) and {@value #CONFIRMED_AT} (the
 * time of the confirmation). They are filled when the list has them; a list started by a signup has
 * them.
 */
public final class SignupRows {
    public static final String SOURCE = "source";
    public static final String CONFIRMED_AT = "confirmed_at";

    private final Path list;
    private final Path suppressionFile;
    private final boolean allowUtf8LocalPart;
    private final Clock clock;

    private SignupRows(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock) {
        this.list = list;
        this.suppressionFile = suppressionFile;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.clock = clock;
    }

    public static SignupRows of(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock) {
        SuppressionList.refuseAsList(list, suppressionFile);
        return new SignupRows(list, suppressionFile, allowUtf8LocalPart, clock);
    }

    /**
     * Why a list cannot hold these values, by the rules of {@code subscribers add} (no line break or
     * control character anywhere, a name of at most 200 characters), in words for the person who
     * typed them; empty when it can.
     */
    public static java.util.Optional<String> unfit(NewSubscriber subscriber) {
        String name = SubscriberName.problem(subscriber.name());
        if (name != null) {
            return java.util.Optional.of(name);
        }
        for (Map.Entry<String, String> field : subscriber.fields().entrySet()) {
            String control = RowParser.controlCharacter(field.getValue());
            if (control != null) {
                return java.util.Optional.of("the field " + field.getKey() + " contains " + control);
            }
        }
        return java.util.Optional.empty();
    }

    /** The list's columns as its header names them; empty when the list does not exist yet. */
    public List<String> columns() {
        if (!Files.exists(list)) {
            return List.of();
        }
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart)) {
            return reader.header().names();
        }
    }

    /** What a signup found, and so whether a confirmation mail goes out. */
    public enum Signup {
        /** A new pending row: send the confirmation. */
        ADDED,
        /** Already pending: send the confirmation again. */
        PENDING,
        /** Unsubscribed before: the row stays so; only a confirmation brings them back. */
        RETURNING,
        /** Already active: nothing to do, no mail. */
        ACTIVE,
        /** Bounced or complained (in the list or the suppression list): no mail, ever. */
        REFUSED;

        public boolean mails() {
            return this == ADDED || this == PENDING || this == RETURNING;
        }
    }

    /** What a confirmation did. */
    public enum Confirmation {
        CONFIRMED,
        ALREADY_ACTIVE,
        /** No row for the address any more (removed, or pruned while pending). */
        GONE,
        /** Bounced or complained since: not made active. */
        REFUSED
    }

    /**
     * Records a signup: a {@code pending} row with the time and {@code source=form}, unless the list
     * has the address already. {@code subscriber.fields()} must be columns of the list.
     *
     * @throws dev.newsletter.input.InvalidInputException for a value the list cannot hold, or a list with problems
     */
    public Signup request(NewSubscriber subscriber) {
        NewRow.check(list, subscriber);
        EmailAddress email = EmailAddress.parse(subscriber.email(), allowUtf8LocalPart);
        Instant now = now();
        return underLock(
                list,
                () -> underLock(suppressionFile, () -> {
                    if (involuntarilySuppressed(email)) {
                        return Signup.REFUSED;
                    }
                    if (!Files.exists(list) || Files.size(list) == 0) {
                        List<String> columns =
                                new ArrayList<>(subscriber.fields().keySet());
                        columns.add(SOURCE);
                        columns.add(CONFIRMED_AT);
                        try (CsvRewrite out = CsvRewrite.of(list)) {
                            NewRow.writeNewList(out, columns, email, pending(subscriber, Map.of(SOURCE, "form")), now);
                            out.commit();
                        }
                        return Signup.ADDED;
                    }
                    try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                            CsvRewrite out = CsvRewrite.of(list)) {
                        NewRow.checkColumns(
                                list, reader.header(), subscriber.fields().keySet());
                        Subscriber[] same = {null};
                        ListCopy.copy(reader, out, (record, row) -> {
                            if (row.email().equals(email)) {
                                same[0] = row;
                            }
                            return null;
                        });
                        if (same[0] != null) {
                            return switch (same[0].status()) {
                                case ACTIVE -> Signup.ACTIVE;
                                case PENDING -> Signup.PENDING;
                                case UNSUBSCRIBED -> Signup.RETURNING;
                                case BOUNCED, COMPLAINED -> Signup.REFUSED;
                            };
                        }
                        Map<String, String> extra = reader.header().has(SOURCE) ? Map.of(SOURCE, "form") : Map.of();
                        out.append(
                                NewRow.render(reader.header(), email, pending(subscriber, extra), now),
                                reader.header().lineEnding());
                        out.commit();
                        return Signup.ADDED;
                    }
                }));
    }

    /**
     * Confirms {@code email}: its row becomes {@code active} with {@value #CONFIRMED_AT} set, and an
     * unsubscribe in the suppression list is lifted (they asked again, and proved the address is
     * theirs). A bounce or a complaint is never lifted here. Confirming twice changes nothing.
     *
     * <p>A link is only as new as the signup that sent it: an unsubscribe at or after {@code issued}
     * (a suppression line of that time) means the person withdrew after this link was sent, so it is
     * {@link Confirmation#GONE} and changes nothing; only a new signup's link brings them back.
     *
     * @param issued when the confirmation link was made
     */
    public Confirmation confirm(EmailAddress email, Instant issued) {
        Instant now = now();
        return underLock(
                list,
                () -> underLock(suppressionFile, () -> {
                    if (!Files.exists(list)) {
                        return Confirmation.GONE;
                    }
                    try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                            CsvRewrite out = CsvRewrite.of(list);
                            SuppressionFile.Change suppression = SuppressionFile.removing(suppressionFile, email)) {
                        Header header = reader.header();
                        Subscriber row = ListCopy.copy(reader, out, email, (record, subscriber) -> {
                            if (subscriber.status() != Status.PENDING && subscriber.status() != Status.UNSUBSCRIBED) {
                                return null;
                            }
                            Map<Integer, String> cells = new HashMap<>();
                            cells.put(header.indexOf(Header.STATUS), Status.ACTIVE.label());
                            if (header.has(CONFIRMED_AT)) {
                                cells.put(header.indexOf(CONFIRMED_AT), now.toString());
                            }
                            return record.withFields(cells, header.delimiter());
                        });
                        if (row == null) {
                            return Confirmation.GONE;
                        }
                        if (row.status() == Status.BOUNCED
                                || row.status() == Status.COMPLAINED
                                || suppression.entries().stream().anyMatch(SignupRows::involuntary)) {
                            return Confirmation.REFUSED;
                        }
                        if (withdrawnSince(suppression.entries(), issued)) {
                            return Confirmation.GONE;
                        }
                        if (!out.changed() && suppression.rewrite() == null) {
                            return Confirmation.ALREADY_ACTIVE;
                        }
                        suppression.commit();
                        out.commit();
                        return row.status() == Status.ACTIVE ? Confirmation.ALREADY_ACTIVE : Confirmation.CONFIRMED;
                    }
                }));
    }

    private boolean involuntarilySuppressed(EmailAddress email) throws IOException {
        if (!Files.exists(suppressionFile)) {
            return false;
        }
        try (SuppressionReader reader = SuppressionReader.open(suppressionFile)) {
            dev.newsletter.input.Problems ignored = new dev.newsletter.input.Problems();
            SuppressionReader.Entry entry;
            while ((entry = reader.next(ignored)) != null) {
                if (email.equals(entry.email()) && involuntary(entry)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Whether one of {@code entries} (the suppression lines of the address) was written at or after
     * {@code issued}. A line without a readable {@code suppressed_at} (old or hand-written) says
     * nothing about when, and does not count.
     */
    private boolean withdrawnSince(List<SuppressionReader.Entry> entries, Instant issued) throws IOException {
        if (entries.isEmpty()) {
            return false;
        }
        int column = -1;
        try (SuppressionReader reader = SuppressionReader.open(suppressionFile)) {
            for (int i = 0; i < reader.header().size(); i++) {
                if (Header.normalize(reader.header().field(i)).equals("suppressed_at")) {
                    column = i;
                }
            }
        }
        for (SuppressionReader.Entry entry : entries) {
            if (column >= 0 && entry.record() != null && column < entry.record().size()) {
                try {
                    if (!Instant.parse(entry.record().field(column).strip()).isBefore(issued)) {
                        return true;
                    }
                } catch (java.time.format.DateTimeParseException e) {
                    // not a time: says nothing about when
                }
            }
        }
        return false;
    }

    /** Suppressed for a bounce or a complaint, not by the person's own unsubscribe. */
    private static boolean involuntary(SuppressionReader.Entry entry) {
        String reason = entry.reason().toLowerCase(Locale.ROOT);
        return reason.contains("bounce") || reason.contains("complain") || reason.contains("spam");
    }

    private static NewSubscriber pending(NewSubscriber subscriber, Map<String, String> extra) {
        Map<String, String> fields = new LinkedHashMap<>(subscriber.fields());
        fields.putAll(extra);
        return new NewSubscriber(subscriber.email(), subscriber.name(), Status.PENDING, subscriber.tags(), fields);
    }

    private <T> T underLock(Path file, FileLock.Work<T> work) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return FileLock.holding(file, () -> {}, work);
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
