package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Merges a CSV file (a spreadsheet export: BOM, comma, semicolon or tab, headers in any case and
 * order) into a list, in three streaming passes, so that a million rows need no million objects:
 *
 * <ol>
 *   <li>the file is read and checked ({@link ImportScan}). Invalid rows are reported as they are
 *       found; unless {@code skipInvalid}, any invalid row ends the import here, before the list is
 *       even locked;
 *   <li>under the list's lock, the list is copied into its new version; a row whose address the file
 *       has is updated (with {@code update}) or left alone ({@link ImportMatch});
 *   <li>the file is read again and its remaining rows are appended.
 * </ol>
 *
 * A suppressed address, or one the list has as unsubscribed, bounced or complained, is never added or made
 * active again. Nothing is written in a dry run, or when anything fails.
 */
public final class ListImport {
    private static final byte[] LF = {'\n'};

    private final Path list;
    private final Path suppressionFile;
    private final boolean allowUtf8LocalPart;
    private final Clock clock;
    private final Runnable onWait;

    ListImport(Path list, Path suppressionFile, boolean allowUtf8LocalPart, Clock clock, Runnable onWait) {
        this.list = list;
        this.suppressionFile = suppressionFile;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.clock = clock;
        this.onWait = onWait;
    }

    public record Options(boolean dryRun, boolean skipInvalid, boolean update, boolean create) {}

    /** Told about each row that is not imported as it is, as soon as that is known. */
    public interface Listener {
        /** A problem that makes a row invalid (a row may have several). */
        void invalid(Problem problem);

        /** Why a valid row is not imported: a duplicate, or a suppressed or unsubscribed address. */
        void skipped(Problem reason);
    }

    /**
     * The counts: each row of the file (blank lines aside) is in exactly one of them. {@code written}
     * says whether the list was changed.
     */
    public record Report(
            long added,
            long updated,
            long unchanged,
            long duplicates,
            long invalid,
            long suppressed,
            boolean written) {}

    public Report run(Path source, Options options, Listener listener) {
        ImportScan scan = ImportScan.read(source, allowUtf8LocalPart, listener);
        if (scan.invalid() > 0 && !options.skipInvalid()) {
            return new Report(0, 0, 0, scan.duplicates(), scan.invalid(), 0, false);
        }
        if (!Files.exists(list) && !options.create()) {
            throw InvalidInputException.of(Problem.inFile(
                    list, FileTrouble.missing(list, "no such list") + "; pass --create to start a new one"));
        }
        SuppressionList suppressed = SuppressionList.load(suppressionFile);
        try {
            Files.createDirectories(list.toAbsolutePath().getParent());
            return FileLock.holding(list, onWait, () -> merge(source, scan, suppressed, options, listener));
        } catch (IOException e) {
            throw FileTrouble.of(list, e);
        }
    }

    private Report merge(Path source, ImportScan scan, SuppressionList suppressed, Options options, Listener listener)
            throws IOException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try (CsvRewrite out = options.dryRun() ? CsvRewrite.dryRun() : CsvRewrite.of(list)) {
            ImportMatch match;
            if (Files.exists(list) && Files.size(list) > 0) {
                match = copyList(source, scan, suppressed, options, listener, out);
            } else {
                Header header = newListHeader(scan.header());
                out.keep(header.record());
                match = new ImportMatch(
                        source, scan, new ImportMerge(header, scan.header()), suppressed, false, listener, null);
            }
            long added = appendNew(source, scan, suppressed, match, out, now, listener);
            boolean write = !options.dryRun() && out.changed();
            if (write) {
                out.commit();
            }
            return new Report(
                    added,
                    match.updated(),
                    match.unchanged(),
                    scan.duplicates(),
                    scan.invalid(),
                    match.suppressed(),
                    write);
        }
    }

    /** Pass 2: the list copied, rows the file also has updated or left alone. */
    private ImportMatch copyList(
            Path source,
            ImportScan scan,
            SuppressionList suppressed,
            Options options,
            Listener listener,
            CsvRewrite out)
            throws IOException {
        try (ListReader reader = ListReader.open(list, allowUtf8LocalPart);
                FileChannel importFile = FileChannel.open(source, StandardOpenOption.READ)) {
            ImportMerge.checkColumns(list, reader.header(), source, scan.header());
            ImportMerge merge = new ImportMerge(reader.header(), scan.header());
            ImportMatch match =
                    new ImportMatch(source, scan, merge, suppressed, options.update(), listener, importFile);
            ListCopy.copy(reader, out, match, match);
            return match;
        }
    }

    /** Pass 3: the file read again, its rows for addresses the list does not have appended. */
    private long appendNew(
            Path source,
            ImportScan scan,
            SuppressionList suppressed,
            ImportMatch match,
            CsvRewrite out,
            Instant now,
            Listener listener)
            throws IOException {
        long added = 0;
        try (ListReader reader = ListReader.openImport(source, allowUtf8LocalPart)) {
            ListReader.Row row;
            for (int number = 0; (row = reader.next()) != null; number++) {
                if (number >= scan.rows().size() || scan.rows().state(number) != ImportRows.NEW) {
                    continue;
                }
                Subscriber incoming = row.subscriber();
                if (incoming == null || row.record().offset() != scan.rows().offset(number)) {
                    throw new IOException(source + " changed while it was being imported");
                }
                if (suppressed.contains(incoming.email())) {
                    match.suppress(Problem.atLine(
                            source, incoming.line(), incoming.email() + " is on the suppression list; not added"));
                    continue;
                }
                out.append(
                        match.merge().newRow(incoming, now),
                        match.merge().listHeader().lineEnding());
                added++;
            }
        }
        return added;
    }

    private Header newListHeader(Header imported) {
        CsvRecord record = CsvRecord.of(ImportMerge.newColumns(imported), (byte) ',', LF);
        Problems problems = new Problems();
        Header header = Header.of(list, record, (byte) ',', problems);
        problems.throwIfAny();
        return header;
    }
}
