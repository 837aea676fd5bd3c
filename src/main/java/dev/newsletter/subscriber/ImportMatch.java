package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;

/**
 * Pass 2 of an import, row by row of the list: when the file has the row's address, the row is
 * left alone (suppressed, unsubscribed or bounced; or no {@code --update}) or updated from the file's
 * row, read again at its offset. Either way the file's row is then not appended.
 *
 * <p>It also finds duplicates in the list, with the file's own index: a list address the file has
 * gets the list line as its value, one it does not have is added with its list line; both marked
 * with {@link #ON_LIST_LINE}. So a file and a list with the same million addresses need one index.
 */
final class ImportMatch implements ListCopy.Seen, ListCopy.Change {
    /** Marks an index value that is a line of the list, not a row number of the file. */
    private static final int ON_LIST_LINE = 1 << 30;

    private final Path source;
    private final ImportScan scan;
    private final ImportMerge merge;
    private final SuppressionList suppressions;
    private final boolean update;
    private final ListImport.Listener listener;
    private final RowParser parser;
    private final FileChannel importFile;
    /** The file's row for the list row being copied, or -1. */
    private int matched = -1;
    /** Reads rows of the import file again for updates; made on the first, then moved from row to row. */
    private CsvReader reader;

    private long updated;
    private long unchanged;
    private long suppressed;

    ImportMatch(
            Path source,
            ImportScan scan,
            ImportMerge merge,
            SuppressionList suppressions,
            boolean update,
            ListImport.Listener listener,
            FileChannel importFile) {
        this.source = source;
        this.importFile = importFile;
        this.scan = scan;
        this.merge = merge;
        this.suppressions = suppressions;
        this.update = update;
        this.listener = listener;
        this.parser = new RowParser(source, scan.header(), true);
    }

    @Override
    public int earlierLine(Subscriber subscriber) {
        EmailAddress key = subscriber.email();
        int line = (int) subscriber.line();
        if (line >= ON_LIST_LINE) {
            throw new IllegalStateException("a list of more than " + ON_LIST_LINE + " lines");
        }
        matched = -1;
        int value = scan.index().get(key);
        if (value < 0) {
            scan.index().putIfAbsent(key, ON_LIST_LINE | line);
            return -1;
        }
        if ((value & ON_LIST_LINE) != 0) {
            return value & ~ON_LIST_LINE;
        }
        matched = value;
        scan.index().replace(key, ON_LIST_LINE | line);
        return -1;
    }

    /**
     * The list row's replacement (null: unchanged); the file's row, if {@link #earlierLine} just found
     * one for this row, is marked as on the list.
     */
    @Override
    public byte[] apply(CsvRecord record, Subscriber current) throws IOException {
        int row = matched;
        matched = -1;
        if (row < 0 || scan.rows().state(row) != ImportRows.NEW) {
            return null;
        }
        scan.rows().setState(row, ImportRows.ON_LIST);
        long line = scan.rows().line(row);
        if (suppressions.contains(current.email())) {
            suppress(Problem.atLine(source, line, current.email() + " is on the suppression list; left as it is"));
            return null;
        }
        if (current.status() == Status.UNSUBSCRIBED
                || current.status() == Status.BOUNCED
                || current.status() == Status.COMPLAINED) {
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
        CsvRecord incomingRecord = readAgain(row);
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

    private CsvRecord readAgain(int row) throws IOException {
        if (reader == null) {
            reader = CsvReader.at(importFile, scan.header().delimiter(), 0, 1);
        }
        reader.seek(scan.rows().offset(row), scan.rows().line(row));
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
