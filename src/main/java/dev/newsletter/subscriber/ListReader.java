package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a subscriber CSV row by row: the header first (a file without a usable one is refused with
 * every problem in it), then one {@link Row} per record, valid or not, blank lines included so that a
 * rewrite can copy them. Everything it reports names the file and the line.
 */
final class ListReader implements Closeable {
    private final Path file;
    private final CsvReader csv;
    private final Header header;
    private final RowParser parser;

    private ListReader(Path file, CsvReader csv, Header header, boolean allowUtf8LocalPart) {
        this.file = file;
        this.csv = csv;
        this.header = header;
        this.parser = new RowParser(file, header, allowUtf8LocalPart);
    }

    /** Opens a list file (comma-separated) and reads its header. */
    static ListReader open(Path file, boolean allowUtf8LocalPart) {
        return open(file, (byte) ',', false, allowUtf8LocalPart);
    }

    /**
     * Opens a file to import: the delimiter is sniffed from the header (comma, semicolon or tab) and
     * the email column may go by another common name.
     */
    static ListReader openImport(Path file, boolean allowUtf8LocalPart) {
        return open(file, (byte) 0, true, allowUtf8LocalPart);
    }

    private static ListReader open(Path file, byte delimiter, boolean importing, boolean allowUtf8LocalPart) {
        CsvReader csv = null;
        try {
            FileTrouble.refuseNonRegular(file);
            byte sep = delimiter == 0 ? sniff(file) : delimiter;
            csv = CsvReader.open(file, sep);
            CsvRecord first;
            try {
                first = csv.next();
            } catch (CsvSyntaxException e) {
                throw InvalidInputException.of(problem(file, e));
            }
            if (first == null) {
                throw InvalidInputException.of(Problem.inFile(
                        file, "the file is empty; it needs a header row such as email,name,status,subscribed_at,tags"));
            }
            Problems problems = new Problems();
            Header header =
                    importing ? Header.ofImport(file, first, sep, problems) : Header.of(file, first, sep, problems);
            problems.throwIfAny();
            ListReader reader = new ListReader(file, csv, header, allowUtf8LocalPart);
            csv = null;
            return reader;
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(Problem.inFile(file, FileTrouble.missing(file, "no such file")));
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        } finally {
            closeQuietly(csv);
        }
    }

    Path file() {
        return file;
    }

    Header header() {
        return header;
    }

    /** The next row, or null at the end of the file. */
    Row next() {
        CsvRecord record;
        try {
            record = csv.next();
        } catch (CsvSyntaxException e) {
            return new Row(null, null, List.of(problem(file, e)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (record == null) {
            return null;
        }
        if (record.isBlank()) {
            return new Row(record, null, List.of());
        }
        List<Problem> problems = new ArrayList<>(1);
        Subscriber subscriber = parser.parse(record, problems::add);
        return new Row(record, subscriber, problems);
    }

    /** The line the next row starts on. */
    long line() {
        return csv.line();
    }

    @Override
    public void close() {
        closeQuietly(csv);
    }

    static Problem problem(Path file, CsvSyntaxException e) {
        return new Problem(file, (int) e.line(), e.column(), e.getMessage());
    }

    private static byte sniff(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Header.sniffDelimiter(in.readNBytes(1 << 16));
        }
    }

    private static void closeQuietly(CsvReader csv) {
        if (csv != null) {
            try {
                csv.close();
            } catch (IOException ignored) {
                // Reading only: nothing is lost if closing fails.
            }
        }
    }

    /**
     * One record: valid ({@code subscriber} set), invalid ({@code problems} set), blank (neither), or
     * unreadable ({@code record} null).
     */
    record Row(CsvRecord record, Subscriber subscriber, List<Problem> problems) {
        boolean isBlank() {
            return record != null && subscriber == null && problems.isEmpty();
        }

        long line() {
            return record != null ? record.line() : problems.get(0).line();
        }
    }
}
