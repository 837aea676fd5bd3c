package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import java.io.IOException;

/** The read half of an edit: the whole list, checked row by row, copied into its new version. */
final class ListCopy {
    private ListCopy() {}

    /** What becomes of a valid row: null keeps it, an empty array drops it, other bytes replace it. */
    interface Change {
        byte[] apply(CsvRecord record, Subscriber subscriber) throws IOException;
    }

    /** The addresses of the rows so far, to find duplicates. */
    interface Seen {
        /** The line of an earlier row with this subscriber's address, or -1 (and then remembers this row). */
        int earlierLine(Subscriber subscriber);
    }

    /**
     * Copies the list into {@code out}, passing each valid row to {@code change}. Throws, naming every
     * problem, if the list is not valid: a list is only changed when every command could read it.
     */
    static void copy(ListReader reader, CsvRewrite out, Change change) throws IOException {
        AddressIndex index = new AddressIndex();
        copy(reader, out, change, s -> index.putIfAbsent(s.email(), (int) s.line()));
    }

    /**
     * Copies the list as above, finding duplicates with {@code seen}; for each valid row, {@code seen}
     * is asked before {@code change}.
     */
    static void copy(ListReader reader, CsvRewrite out, Change change, Seen seen) throws IOException {
        ProblemLimit problems = new ProblemLimit(reader.file());
        out.keep(reader.header().record());
        ListReader.Row row;
        while ((row = reader.next()) != null) {
            row.problems().forEach(problems::add);
            Subscriber subscriber = row.subscriber();
            if (subscriber != null) {
                int earlier = seen.earlierLine(subscriber);
                if (earlier >= 0) {
                    problems.add(SubscriberFile.duplicate(reader.file(), subscriber, earlier));
                }
            }
            if (!problems.isEmpty()) {
                continue;
            }
            byte[] replacement = subscriber == null ? null : change.apply(row.record(), subscriber);
            if (replacement == null) {
                out.keep(row.record());
            } else if (replacement.length == 0) {
                out.drop();
            } else {
                out.replace(replacement);
            }
        }
        problems.throwIfAny("the list has problems, so it was not changed; fix them first ('subscribers lint')");
    }

    /**
     * Copies the list, changing only the row of {@code target}; returns that row, or null when the
     * list does not have it.
     */
    static Subscriber copy(ListReader reader, CsvRewrite out, EmailAddress target, Change change) throws IOException {
        Subscriber[] found = {null};
        copy(reader, out, (record, subscriber) -> {
            if (!subscriber.email().equals(target)) {
                return null;
            }
            found[0] = subscriber;
            return change.apply(record, subscriber);
        });
        return found[0];
    }
}
