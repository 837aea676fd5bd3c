package dev.newsletter.subscriber;

import dev.newsletter.input.Problem;
import java.nio.file.Path;

/**
 * The first pass of an import: every row of the file read and checked, invalid ones reported at
 * once, and each valid address indexed (the first row for an address counts; later ones are
 * duplicates, reported with the line of the first).
 */
final class ImportScan {
    private final Header header;
    private final AddressIndex index = new AddressIndex();
    private final ImportRows rows = new ImportRows();
    private long invalid;
    private long duplicates;

    private ImportScan(Header header) {
        this.header = header;
    }

    static ImportScan read(Path source, boolean allowUtf8LocalPart, ListImport.Listener listener) {
        try (ListReader reader = ListReader.openImport(source, allowUtf8LocalPart)) {
            ImportScan scan = new ImportScan(reader.header());
            ListReader.Row row;
            while ((row = reader.next()) != null) {
                scan.add(source, row, listener);
            }
            return scan;
        }
    }

    private void add(Path source, ListReader.Row row, ListImport.Listener listener) {
        Subscriber subscriber = row.subscriber();
        if (subscriber == null) {
            rows.add(ImportRows.SKIPPED, 0, 0);
            if (!row.isBlank()) {
                invalid++;
                row.problems().forEach(listener::invalid);
            }
            return;
        }
        int number =
                rows.add(ImportRows.NEW, row.record().offset(), row.record().line());
        int first = index.putIfAbsent(subscriber.email(), number);
        if (first >= 0) {
            rows.setState(number, ImportRows.DUPLICATE);
            duplicates++;
            listener.skipped(Problem.atLine(
                    source,
                    subscriber.line(),
                    subscriber.email() + " is already on line " + rows.line(first)
                            + " of this file; the first one counts"));
        }
    }

    Header header() {
        return header;
    }

    AddressIndex index() {
        return index;
    }

    ImportRows rows() {
        return rows;
    }

    long invalid() {
        return invalid;
    }

    long duplicates() {
        return duplicates;
    }
}
