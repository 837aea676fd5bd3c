package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes to {@code suppressed.csv}, prepared as a {@link CsvRewrite} for the caller to commit (after
 * taking the file's {@link FileLock}), so that a command changing a list too can check everything
 * before it writes anything. Lines other than the one added or removed stay byte for byte.
 */
final class SuppressionFile {
    private static final byte[] LF = {'\n'};

    private SuppressionFile() {}

    /** The file with an entry for {@code email} appended; empty if it already suppresses {@code email}. */
    static Change adding(Path file, EmailAddress email, String reason, Instant at) throws IOException {
        if (!Files.exists(file)) {
            CsvRewrite out = CsvRewrite.of(file);
            out.append(SuppressionList.HEADER, LF);
            out.append(CsvCells.row(List.of(email.toString(), reason, at.toString()), (byte) ','), LF);
            return new Change(out, List.of());
        }
        return rewrite(file, email, (out, header, present) -> {
            if (!present.isEmpty()) {
                return false;
            }
            List<String> cells = new ArrayList<>();
            for (String column : header.fields()) {
                String name = Header.normalize(column);
                cells.add(
                        switch (name) {
                            case Header.EMAIL -> email.toString();
                            case "reason" -> reason;
                            case "suppressed_at" -> at.toString();
                            default -> "";
                        });
            }
            out.append(CsvCells.row(cells, (byte) ','), lineEnding(header));
            return true;
        });
    }

    /** The file without any entry for {@code email}; {@link Change#entries()} are the ones removed. */
    static Change removing(Path file, EmailAddress email) throws IOException {
        if (!Files.exists(file)) {
            return new Change(null, List.of());
        }
        return rewrite(file, email, (out, header, present) -> !present.isEmpty());
    }

    private interface Finish {
        /** Completes the rewrite after every line was seen; returns whether anything changed. */
        boolean apply(CsvRewrite out, CsvRecord header, List<SuppressionReader.Entry> present) throws IOException;
    }

    private static Change rewrite(Path file, EmailAddress email, Finish finish) throws IOException {
        Problems problems = new Problems();
        List<SuppressionReader.Entry> present = new ArrayList<>();
        try (SuppressionReader reader = SuppressionReader.open(file)) {
            CsvRewrite out = CsvRewrite.of(file);
            try {
                out.keep(reader.header());
                SuppressionReader.Entry entry;
                while ((entry = reader.next(problems)) != null) {
                    if (entry.email() != null && entry.email().equals(email)) {
                        present.add(entry);
                        out.drop();
                    } else if (entry.record() != null) {
                        out.keep(entry.record());
                    }
                }
                problems.throwIfAny();
                if (!finish.apply(out, reader.header(), present)) {
                    out.close();
                    return new Change(null, present);
                }
                return new Change(out, present);
            } catch (IOException | RuntimeException e) {
                out.close();
                throw e;
            }
        }
    }

    private static byte[] lineEnding(CsvRecord header) {
        byte[] ending = header.lineEnding();
        return ending.length == 0 ? LF : ending;
    }

    /**
     * A prepared change: {@code rewrite} is null when nothing changes. {@code entries} are the lines
     * that suppressed the address before (removed, or, when adding, the reason nothing was added).
     */
    record Change(CsvRewrite rewrite, List<SuppressionReader.Entry> entries) implements AutoCloseable {
        void commit() throws IOException {
            if (rewrite != null) {
                rewrite.commit();
            }
        }

        @Override
        public void close() throws IOException {
            if (rewrite != null) {
                rewrite.close();
            }
        }
    }
}
