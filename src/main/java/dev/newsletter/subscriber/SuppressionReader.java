package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Reads {@code suppressed.csv} entry by entry; its header needs an {@code email} column. */
final class SuppressionReader implements Closeable {
    private final Path file;
    private final CsvReader csv;
    private final CsvRecord header;
    private final int email;
    private final int reason;

    private SuppressionReader(Path file, CsvReader csv, CsvRecord header) {
        this.file = file;
        this.csv = csv;
        this.header = header;
        this.email = indexOf(header, Header.EMAIL);
        this.reason = indexOf(header, "reason");
    }

    static SuppressionReader open(Path file) throws IOException {
        CsvReader csv = CsvReader.open(file, (byte) ',');
        try {
            CsvRecord header = csv.next();
            if (header == null) {
                throw InvalidInputException.of(
                        Problem.inFile(file, "the file is empty; it needs the header " + SuppressionList.HEADER));
            }
            if (indexOf(header, Header.EMAIL) < 0) {
                throw InvalidInputException.of(Problem.atLine(
                        file,
                        header.line(),
                        "the header has no 'email' column (expected " + SuppressionList.HEADER + ")"));
            }
            return new SuppressionReader(file, csv, header);
        } catch (CsvSyntaxException e) {
            csv.close();
            throw InvalidInputException.of(ListReader.problem(file, e));
        } catch (RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    CsvRecord header() {
        return header;
    }

    /** The next entry (its address null for a blank or bad line, whose problem goes to {@code problems}), or null at the end. */
    Entry next(Problems problems) throws IOException {
        CsvRecord record;
        try {
            record = csv.next();
        } catch (CsvSyntaxException e) {
            problems.add(ListReader.problem(file, e));
            return new Entry(null, null, "");
        }
        if (record == null) {
            return null;
        }
        if (record.isBlank()) {
            return new Entry(record, null, "");
        }
        if (record.size() != header.size()) {
            problems.add(Problem.atLine(
                    file,
                    record.line(),
                    "expected " + header.size() + " fields as in the header, found " + record.size()));
            return new Entry(record, null, "");
        }
        try {
            EmailAddress address = EmailAddress.parse(record.field(email), true);
            return new Entry(record, address, reason < 0 ? "" : record.field(reason));
        } catch (InvalidAddressException e) {
            problems.add(Problem.atLine(file, record.line(), e.getMessage()));
            return new Entry(record, null, "");
        }
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private static int indexOf(CsvRecord header, String column) {
        for (int i = 0; i < header.size(); i++) {
            if (Header.normalize(header.field(i)).equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** One line of the file: the record (null if unreadable) and its address (null if blank or bad). */
    record Entry(CsvRecord record, EmailAddress email, String reason) {}
}
