package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A row for {@code add}: its values checked, then laid out in the list's own column order. */
final class NewRow {
    private static final byte[] LF = {'\n'};

    private NewRow() {}

    /**
     * Refuses values a list cannot hold: line breaks and control characters, a name that is too long
     * ({@link SubscriberName}), a tag with a semicolon.
     */
    static void check(Path list, NewSubscriber subscriber) {
        Problems problems = new Problems();
        String nameProblem = SubscriberName.problem(subscriber.name());
        if (nameProblem != null) {
            problems.add(Problem.inFile(list, nameProblem));
        }
        for (String tag : subscriber.tags()) {
            checkText(list, "tag", tag, problems);
            if (tag.contains(";") || tag.isBlank()) {
                problems.add(Problem.inFile(list, "the tag '" + tag + "' must not be empty or contain ';'"));
            }
        }
        for (Map.Entry<String, String> field : subscriber.fields().entrySet()) {
            String column = Header.normalize(field.getKey());
            if (column.isEmpty() || Header.STANDARD.contains(column)) {
                problems.add(Problem.inFile(
                        list,
                        "--field '" + field.getKey() + "' must name an extra column, not one of " + Header.STANDARD));
            }
            checkText(list, "field " + column, field.getValue(), problems);
        }
        problems.throwIfAny();
    }

    static void checkText(Path list, String what, String value) {
        Problems problems = new Problems();
        checkText(list, what, value, problems);
        problems.throwIfAny();
    }

    private static void checkText(Path list, String what, String value, Problems problems) {
        String control = RowParser.controlCharacter(value);
        if (control != null) {
            problems.add(Problem.inFile(list, "the " + what + " contains " + control));
        }
    }

    /** Refuses extra columns the list does not have: adding one would change every row. */
    static void checkColumns(Path list, Header header, Collection<String> fields) {
        Problems problems = new Problems();
        for (String field : fields) {
            if (!header.has(Header.normalize(field))) {
                problems.add(Problem.atLine(
                        list,
                        header.line(),
                        "the list has no column '" + Header.normalize(field) + "' (its columns: "
                                + String.join(",", header.names()) + ")"));
            }
        }
        problems.throwIfAny();
    }

    /** The row in the list's column order, without line ending. */
    static String render(Header header, EmailAddress email, NewSubscriber subscriber, Instant now) {
        List<String> cells = new ArrayList<>();
        for (String column : header.names()) {
            cells.add(cell(column, email, subscriber, now));
        }
        return CsvCells.row(cells, header.delimiter());
    }

    /** Starts a list: the standard header plus the extra columns, and the first row. */
    static void writeNewList(
            CsvRewrite out, List<String> extraColumns, EmailAddress email, NewSubscriber subscriber, Instant now)
            throws IOException {
        List<String> columns = new ArrayList<>(Header.STANDARD);
        extraColumns.stream().map(Header::normalize).forEach(columns::add);
        out.append(CsvCells.row(columns, (byte) ','), LF);
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
            cells.add(cell(column, email, subscriber, now));
        }
        out.append(CsvCells.row(cells, (byte) ','), LF);
    }

    private static String cell(String column, EmailAddress email, NewSubscriber subscriber, Instant now) {
        return switch (column) {
            case Header.EMAIL -> email.toString();
            case Header.NAME -> subscriber.name().strip();
            case Header.STATUS -> subscriber.status().label();
            case Header.SUBSCRIBED_AT -> now.toString();
            case Header.TAGS ->
                String.join(";", subscriber.tags().stream().map(String::strip).toList());
            default ->
                subscriber.fields().entrySet().stream()
                        .filter(e -> Header.normalize(e.getKey()).equals(column))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse("");
        };
    }
}
