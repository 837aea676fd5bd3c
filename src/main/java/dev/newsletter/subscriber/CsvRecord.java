package dev.newsletter.subscriber;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One CSV record: its fields, the line it starts on (1-based; a quoted field may span lines), its
 * byte offset in the file, and its exact raw bytes including the line ending, so that an untouched
 * record is written back byte for byte and a changed one keeps its untouched fields as they were.
 */
final class CsvRecord {
    private final byte[] raw;
    private final int[] spans;
    private final List<String> fields;
    private final long offset;
    private final long line;

    CsvRecord(byte[] buffer, int length, int[] spans, int fieldCount, long offset, long line) {
        this.raw = Arrays.copyOf(buffer, length);
        this.spans = Arrays.copyOf(spans, 3 * fieldCount);
        this.offset = offset;
        this.line = line;
        String[] decoded = new String[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            decoded[i] = decode(i);
        }
        this.fields = Collections.unmodifiableList(Arrays.asList(decoded)); // no copy, unlike List.of
    }

    /** A record made from cells (for a header this program writes), as the reader would return it. */
    static CsvRecord of(List<String> cells, byte delimiter, byte[] lineEnding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] spans = new int[3 * cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(delimiter);
            }
            String encoded = CsvCells.encode(cells.get(i), delimiter);
            spans[3 * i] = out.size();
            out.writeBytes(encoded.getBytes(StandardCharsets.UTF_8));
            spans[3 * i + 1] = out.size();
            spans[3 * i + 2] = encoded.startsWith("\"") ? 1 : 0;
        }
        out.writeBytes(lineEnding);
        byte[] bytes = out.toByteArray();
        return new CsvRecord(bytes, bytes.length, spans, cells.size(), 0, 1);
    }

    List<String> fields() {
        return fields;
    }

    int size() {
        return fields.size();
    }

    String field(int index) {
        return fields.get(index);
    }

    long line() {
        return line;
    }

    long offset() {
        return offset;
    }

    /** The raw bytes, line ending included. */
    byte[] raw() {
        return raw.clone();
    }

    int rawLength() {
        return raw.length;
    }

    /** True for an empty line (one empty, unquoted field). */
    boolean isBlank() {
        return fields.size() == 1 && spans[2] == 0 && fields.get(0).isBlank();
    }

    /** The bytes that end this record: CRLF, LF, CR, or none for a last line without one. */
    byte[] lineEnding() {
        int n = raw.length;
        if (n >= 2 && raw[n - 2] == '\r' && raw[n - 1] == '\n') {
            return new byte[] {'\r', '\n'};
        }
        if (n >= 1 && (raw[n - 1] == '\n' || raw[n - 1] == '\r')) {
            return new byte[] {raw[n - 1]};
        }
        return new byte[0];
    }

    /** Whether this record ends with exactly {@code ending} (without copying its own ending, as lint asks per row). */
    boolean endsWith(byte[] ending) {
        int n = raw.length;
        int m = ending.length;
        int own = n >= 2 && raw[n - 2] == '\r' && raw[n - 1] == '\n'
                ? 2
                : n >= 1 && (raw[n - 1] == '\n' || raw[n - 1] == '\r') ? 1 : 0;
        return own == m && Arrays.equals(raw, n - m, n, ending, 0, m);
    }

    /**
     * This record with some fields replaced (index → new value, encoded with {@code delimiter}); every
     * other field, the delimiters and the line ending stay byte for byte as they were.
     */
    byte[] withFields(Map<Integer, String> replacements, byte delimiter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + 32);
        int written = 0;
        for (int i = 0; i < fields.size(); i++) {
            String replacement = replacements.get(i);
            if (replacement == null) {
                continue;
            }
            int start = spans[3 * i];
            int end = spans[3 * i + 1];
            out.write(raw, written, start - written);
            byte[] encoded = CsvCells.encode(replacement, delimiter).getBytes(StandardCharsets.UTF_8);
            out.write(encoded, 0, encoded.length);
            written = end;
        }
        out.write(raw, written, raw.length - written);
        return out.toByteArray();
    }

    private String decode(int index) {
        int start = spans[3 * index];
        int end = spans[3 * index + 1];
        if (spans[3 * index + 2] == 0) {
            return new String(raw, start, end - start, StandardCharsets.UTF_8);
        }
        String quoted = new String(raw, start + 1, end - start - 2, StandardCharsets.UTF_8);
        return quoted.indexOf('"') < 0 ? quoted : quoted.replace("\"\"", "\"");
    }
}
