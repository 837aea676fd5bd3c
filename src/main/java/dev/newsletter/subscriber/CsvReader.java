package dev.newsletter.subscriber;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader that works on bytes, so that every record keeps its exact raw bytes
 * (quoting, line ending, a leading BOM) and can be written back unchanged. Quoted fields may hold
 * the delimiter, doubled quotes and line breaks; records end with LF, CRLF or CR. Only one record is
 * held at a time.
 *
 * <p>Errors are per record and the reader stays usable after one: a stray quote skips to the next
 * physical line; an unclosed quote or a record over {@link #MAX_RECORD_BYTES} skips to the line after
 * the one the record started on, so one bad line cannot hide the rest of a file. Bytes are checked
 * to be UTF-8 record by record, so an invalid byte is reported with its line and column.
 *
 * <p>The reader does positional reads only, so several readers may share one channel.
 */
final class CsvReader implements Closeable {
    /** Longer records are refused: a subscriber row is a few hundred bytes, not megabytes. */
    static final int MAX_RECORD_BYTES = 1 << 20;

    private static final int BUFFER_SIZE = 1 << 16;
    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final FileChannel channel;
    private final boolean ownsChannel;
    private final byte delimiter;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private long bufferOffset;
    private int position;
    private int limit;
    private long line;

    private byte[] record = new byte[256];
    private int length;
    private int[] spans = new int[3 * 8];
    private int fieldCount;
    /** The bits of every byte of the record ORed: without 0x80 the record is ASCII, so valid UTF-8. */
    private int highBits;

    private CsvReader(FileChannel channel, boolean ownsChannel, byte delimiter, long offset, long line) {
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.delimiter = delimiter;
        this.bufferOffset = offset;
        this.line = line;
    }

    /** Reads {@code file} from its start. */
    static CsvReader open(Path file, byte delimiter) throws IOException {
        FileTrouble.refuseNonRegular(file);
        return new CsvReader(FileChannel.open(file, StandardOpenOption.READ), true, delimiter, 0, 1);
    }

    /** Reads a shared channel from {@code offset}, where line {@code line} starts; closing leaves the channel open. */
    static CsvReader at(FileChannel channel, byte delimiter, long offset, long line) {
        return new CsvReader(channel, false, delimiter, offset, line);
    }

    /**
     * Moves to {@code offset}, where line {@code line} starts. Cheap when the offset is in the bytes
     * already read, as it is when records are revisited in file order.
     */
    void seek(long offset, long line) {
        if (offset >= bufferOffset && offset <= bufferOffset + limit) {
            position = (int) (offset - bufferOffset);
        } else {
            bufferOffset = offset;
            position = 0;
            limit = 0;
        }
        this.line = line;
    }

    /** The line the next record starts on. */
    long line() {
        return line;
    }

    /**
     * The next record, or {@code null} at the end of the input.
     *
     * @throws CsvSyntaxException for a record that cannot be read; the next call goes on after it
     */
    CsvRecord next() throws IOException, CsvSyntaxException {
        if (peek() < 0) {
            return null;
        }
        long start = offset();
        long startLine = line;
        length = 0;
        fieldCount = 0;
        highBits = 0;
        int fieldStart = 0;
        if (start == 0) {
            if ((peek() == 0xFF && peekAt(1) == 0xFE) || (peek() == 0xFE && peekAt(1) == 0xFF)) {
                throw skipLine("the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8\")");
            }
            fieldStart = skipByteOrderMark();
        }
        State state = State.FIELD_START;
        while (true) {
            int c = read();
            if (length > MAX_RECORD_BYTES) {
                throw recoverFrom(
                        start,
                        startLine,
                        "the record is longer than " + (MAX_RECORD_BYTES >> 20)
                                + " MiB; is a quote left open, or is this not a CSV file?");
            }
            switch (state) {
                case FIELD_START, UNQUOTED, AFTER_QUOTED -> {
                    boolean quotedField = state == State.AFTER_QUOTED;
                    if (c < 0 || c == LF || c == CR) {
                        endField(fieldStart, quotedField);
                        endRecord(c);
                        return finish(start, startLine);
                    } else if (c == delimiter) {
                        endField(fieldStart, quotedField);
                        append(c);
                        fieldStart = length;
                        state = State.FIELD_START;
                    } else if (state == State.AFTER_QUOTED) {
                        throw skipLine(
                                "text after the closing quote of a field (a quote inside a field is written as two quotes \"\")");
                    } else if (c == QUOTE && state == State.UNQUOTED) {
                        throw skipLine("a quote inside an unquoted field (quote the whole field and double the quote)");
                    } else {
                        append(c);
                        state = c == QUOTE ? State.QUOTED : State.UNQUOTED;
                        appendRun(state == State.QUOTED);
                    }
                }
                case QUOTED -> {
                    if (c < 0) {
                        throw recoverFrom(start, startLine, "a quoted field is not closed before the end of the file");
                    }
                    append(c);
                    if (c == QUOTE) {
                        state = State.QUOTE_IN_QUOTED;
                    } else if (c == LF || c == CR) {
                        countLineBreak(c);
                    } else {
                        appendRun(true);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == QUOTE) {
                        append(c);
                        state = State.QUOTED;
                    } else {
                        unread();
                        state = State.AFTER_QUOTED;
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }

    private enum State {
        FIELD_START,
        UNQUOTED,
        QUOTED,
        QUOTE_IN_QUOTED,
        AFTER_QUOTED
    }

    private int skipByteOrderMark() throws IOException {
        if (peek() == 0xEF && peekAt(1) == 0xBB && peekAt(2) == 0xBF) {
            append(read());
            append(read());
            append(read());
            return 3;
        }
        return 0;
    }

    /**
     * Appends the ordinary bytes that follow in the buffer in one go: up to the next quote or line
     * break, and, outside quotes, delimiter. Most of a file is such runs.
     */
    private void appendRun(boolean quoted) {
        int start = position;
        int bits = 0;
        while (position < limit) {
            byte b = buffer[position];
            if (b == QUOTE || b == LF || b == CR || (!quoted && b == delimiter)) {
                break;
            }
            bits |= b;
            position++;
        }
        int n = position - start;
        if (n > 0) {
            if (length + n > record.length) {
                record = Arrays.copyOf(record, Math.max(record.length * 2, length + n));
            }
            System.arraycopy(buffer, start, record, length, n);
            length += n;
            highBits |= bits;
        }
    }

    private void endField(int rawStart, boolean quoted) {
        if (spans.length < 3 * (fieldCount + 1)) {
            int[] larger = new int[spans.length * 2];
            System.arraycopy(spans, 0, larger, 0, spans.length);
            spans = larger;
        }
        spans[3 * fieldCount] = rawStart;
        spans[3 * fieldCount + 1] = length;
        spans[3 * fieldCount + 2] = quoted ? 1 : 0;
        fieldCount++;
    }

    private void endRecord(int c) throws IOException {
        if (c < 0) {
            return;
        }
        append(c);
        if (c == CR && peek() == LF) {
            append(read());
        }
        line++;
    }

    private CsvRecord finish(long start, long startLine) throws CsvSyntaxException {
        int bad = (highBits & 0x80) == 0 ? -1 : Utf8.firstInvalidByte(record, 0, length);
        if (bad >= 0) {
            int lineStart = 0;
            long badLine = startLine;
            for (int i = 0; i < bad; i++) {
                if (record[i] == LF || (record[i] == CR && (i + 1 >= length || record[i + 1] != LF))) {
                    badLine++;
                    lineStart = i + 1;
                }
            }
            throw new CsvSyntaxException(
                    badLine,
                    bad - lineStart + 1,
                    String.format(
                            "invalid UTF-8 (byte 0x%02X); save the file as UTF-8 (in Excel: \"CSV UTF-8\")",
                            record[bad] & 0xFF));
        }
        return new CsvRecord(record, length, spans, fieldCount, start, startLine);
    }

    /** After an error on the current line: skips the rest of that line, so reading resumes on the next. */
    private CsvSyntaxException skipLine(String message) throws IOException {
        long errorLine = line;
        int c;
        do {
            c = read();
        } while (c >= 0 && c != LF && c != CR);
        endRecord(c);
        return new CsvSyntaxException(errorLine, 0, message);
    }

    /** After an error that swallowed later lines: resumes on the line after the record's first one. */
    private CsvSyntaxException recoverFrom(long start, long startLine, String message) throws IOException {
        bufferOffset = start;
        position = 0;
        limit = 0;
        line = startLine;
        int c;
        do {
            c = read();
        } while (c >= 0 && c != LF && c != CR);
        endRecord(c);
        length = 0;
        return new CsvSyntaxException(startLine, 0, message);
    }

    private void countLineBreak(int c) throws IOException {
        if (c == LF || peek() != LF) {
            line++;
        }
    }

    private void append(int c) {
        if (length == record.length) {
            record = Arrays.copyOf(record, record.length * 2);
        }
        record[length++] = (byte) c;
        highBits |= c;
    }

    private long offset() {
        return bufferOffset + position;
    }

    private int read() throws IOException {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xFF;
    }

    private void unread() {
        position--;
    }

    private int peek() throws IOException {
        return peekAt(0);
    }

    private int peekAt(int ahead) throws IOException {
        if (position + ahead >= limit) {
            compact();
            while (position + ahead >= limit) {
                int n = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit), bufferOffset + limit);
                if (n < 0) {
                    return -1;
                }
                limit += n;
            }
        }
        return buffer[position + ahead] & 0xFF;
    }

    private boolean fill() throws IOException {
        return peek() >= 0;
    }

    /** Moves the unread bytes to the front of the buffer; keeps one byte back for {@link #unread()}. */
    private void compact() {
        int keep = Math.max(position - 1, 0);
        if (keep > 0) {
            System.arraycopy(buffer, keep, buffer, 0, limit - keep);
            bufferOffset += keep;
            position -= keep;
            limit -= keep;
        }
    }
}
