package dev.newsletter.subscriber;

import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Pass 2 of an import, row by row of the list: when the file has the row's address, the row is
 * left alone (suppressed, unsubscribed or bounced; or no {@code --update}) or updated from the file's
 * row, read again at its offset. Either way the file's row is then not appended.
 */
final class ImportMatch {
    private final Path source;
    private final ImportScan scan;
    private final ImportMerge merge;
    private final SuppressionList suppressions;
    private final boolean update;
    private final ListImport.Listener listener;
    private final RowParser parser;
    private long updated;
    private long unchanged;
    private long suppressed;

    ImportMatch(
            Path source,
            ImportScan scan,
            ImportMerge merge,
            SuppressionList suppressions,
            boolean update,
            ListImport.Listener listener) {
        this.source = source;
        this.scan = scan;
        this.merge = merge;
        this.suppressions = suppressions;
        this.update = update;
        this.listener = listener;
        this.parser = new RowParser(source, scan.header(), true);
    }

    /** The list row's replacement (null: unchanged), and the file's row marked as on the list. */
    byte[] apply(FileChannel importFile, CsvRecord record, Subscriber current) throws IOException {
        int row = scan.index().get(current.email().toString());
        if (row < 0 || scan.rows().state(row) != ImportRows.NEW) {
            return null;
        }
        scan.rows().setState(row, ImportRows.ON_LIST);
        long line = scan.rows().line(row);
        if (suppressions.contains(current.email())) {
            suppress(Problem.atLine(source, line, current.email() + " is on the suppression list; left as it is"));
            return null;
        }
        if (current.status() == Status.UNSUBSCRIBED || current.status() == Status.BOUNCED) {
            suppress(Problem.atLine(
                    source,
                    line,
                    current.email() + " is " + current.status().label() + " on the list (line " + current.line()
                            + "); left as it is"));
            return null;
        }
        if (!update) {
            unchanged++;
            return null;
        }
        CsvRecord incomingRecord = readAgain(importFile, row);
        Subscriber incoming = parser.parse(incomingRecord, problem -> {});
        if (incoming == null || !incoming.email().equals(current.email())) {
            throw new IOException(source + " changed while it was being imported");
        }
        Map<Integer, String> changes = merge.changes(current, incomingRecord, incoming);
        if (changes.isEmpty()) {
            unchanged++;
            return null;
        }
        updated++;
        return record.withFields(changes, merge.listHeader().delimiter());
    }

    void suppress(Problem reason) {
        suppressed++;
        listener.skipped(reason);
    }

    ImportMerge merge() {
        return merge;
    }

    long updated() {
        return updated;
    }

    long unchanged() {
        return unchanged;
    }

    long suppressed() {
        return suppressed;
    }

    private CsvRecord readAgain(FileChannel importFile, int row) throws IOException {
        CsvReader reader = CsvReader.at(
                importFile,
                scan.header().delimiter(),
                scan.rows().offset(row),
                scan.rows().line(row));
        try {
            CsvRecord record = reader.next();
            if (record == null) {
                throw new IOException(source + " changed while it was being imported");
            }
            return record;
        } catch (CsvSyntaxException e) {
            throw new IOException(source + " changed while it was being imported", e);
        }
    }
}
