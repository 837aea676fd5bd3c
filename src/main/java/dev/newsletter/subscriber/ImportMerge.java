package dev.newsletter.subscriber;

import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How an imported row meets the list: as a new row in the list's column order, or, with {@code
 * --update}, as changes to the row already there. A blank cell in the import keeps the list's value;
 * {@code subscribed_at}, the record of consent, is only ever filled in, never replaced.
 */
final class ImportMerge {
    private final Header list;
    private final Header imported;

    ImportMerge(Header list, Header imported) {
        this.list = list;
        this.imported = imported;
    }

    /** Refuses import columns the list does not have: their values would be lost. */
    static void checkColumns(Path listFile, Header list, Path source, Header imported) {
        Problems problems = new Problems();
        List<String> missing = new ArrayList<>();
        for (String column : imported.names()) {
            if (!list.has(column)) {
                missing.add(column);
            }
        }
        if (!missing.isEmpty()) {
            problems.add(Problem.atLine(
                    source,
                    imported.line(),
                    "the list " + listFile.getFileName() + " has no column " + String.join(", ", missing)
                            + "; remove it from the file, or add it to the list's header (with a value in every row)"));
        }
        problems.throwIfAny();
    }

    /** The columns of a list that an import starts: the standard ones, then the file's extra ones. */
    static List<String> newColumns(Header imported) {
        List<String> columns = new ArrayList<>(Header.STANDARD);
        for (String column : imported.names()) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    Header listHeader() {
        return list;
    }

    /** The list's cells (by column) that the imported row changes; empty when it changes nothing. */
    Map<Integer, String> changes(Subscriber current, CsvRecord record, Subscriber incoming) {
        Map<Integer, String> changes = new HashMap<>();
        change(changes, Header.NAME, current.name(), incoming.name(), record);
        if (given(record, Header.STATUS)) {
            change(
                    changes,
                    Header.STATUS,
                    current.status().label(),
                    incoming.status().label(),
                    record);
        }
        if (current.subscribedAt().isBlank()) {
            change(changes, Header.SUBSCRIBED_AT, "", incoming.subscribedAt(), record);
        }
        change(changes, Header.TAGS, String.join(";", current.tags()), String.join(";", incoming.tags()), record);
        for (String column : imported.names()) {
            if (!Header.STANDARD.contains(column)) {
                change(
                        changes,
                        column,
                        current.attributes().getOrDefault(column, ""),
                        incoming.attributes().get(column),
                        record);
            }
        }
        return changes;
    }

    /** The imported row in the list's column order; an empty subscribed_at becomes {@code now}. */
    String newRow(Subscriber incoming, Instant now) {
        List<String> cells = new ArrayList<>();
        for (String column : list.names()) {
            cells.add(
                    switch (column) {
                        case Header.EMAIL -> incoming.email().toString();
                        case Header.NAME -> incoming.name();
                        case Header.STATUS -> incoming.status().label();
                        case Header.SUBSCRIBED_AT ->
                            incoming.subscribedAt().isBlank() ? now.toString() : incoming.subscribedAt();
                        case Header.TAGS -> String.join(";", incoming.tags());
                        default -> incoming.attributes().getOrDefault(column, "");
                    });
        }
        return CsvCells.row(cells, list.delimiter());
    }

    private void change(
            Map<Integer, String> changes, String column, String current, String incoming, CsvRecord record) {
        int at = list.indexOf(column);
        if (at >= 0 && given(record, column) && !incoming.equals(current)) {
            changes.put(at, incoming);
        }
    }

    /** Whether the import has the column and a non-blank value in it for this row. */
    private boolean given(CsvRecord record, String column) {
        int at = imported.indexOf(column);
        return at >= 0 && !record.field(at).isBlank();
    }
}
