package dev.newsletter.subscriber;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The new version of a CSV file, written record by record while the old one is read: untouched
 * records are copied byte for byte, changed ones replaced, removed ones left out, new rows appended
 * with the file's own line ending. Nothing reaches the real file until {@link #commit()} (see {@link
 * AtomicFile}); a dry run writes nowhere and only tells whether anything would change.
 */
final class CsvRewrite implements Closeable {
    private final AtomicFile file;
    private final OutputStream out;
    private boolean endsWithLineBreak = true;
    private boolean changed;

    private CsvRewrite(AtomicFile file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    static CsvRewrite of(Path target) {
        AtomicFile file = AtomicFile.create(target);
        return new CsvRewrite(file, file.out());
    }

    static CsvRewrite dryRun() {
        return new CsvRewrite(null, OutputStream.nullOutputStream());
    }

    void keep(CsvRecord record) throws IOException {
        write(record.raw());
    }

    void replace(byte[] bytes) throws IOException {
        write(bytes);
        changed = true;
    }

    void drop() {
        changed = true;
    }

    /** Appends a row (without line ending), first ending the last line if the file did not. */
    void append(String row, byte[] lineEnding) throws IOException {
        if (!endsWithLineBreak) {
            write(lineEnding);
        }
        write(row.getBytes(StandardCharsets.UTF_8));
        write(lineEnding);
        changed = true;
    }

    boolean changed() {
        return changed;
    }

    void commit() {
        if (file != null) {
            file.commit();
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    private void write(byte[] bytes) {
        if (bytes.length > 0) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                throw FileTrouble.of(file.shown(), e);
            }
            byte last = bytes[bytes.length - 1];
            endsWithLineBreak = last == '\n' || last == '\r';
        }
    }
}
