package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.input.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Turns a data row into a {@link Subscriber}, or says everything wrong with it: field count, address,
 * name, status, date. The same rules hold for the send path, lint, import and every edit, so a file
 * that lint passes is one every command accepts.
 */
final class RowParser {
    private final Path file;
    private final Header header;
    private final boolean allowUtf8LocalPart;
    /** The standard columns' positions (-1: absent), looked up once rather than per row. */
    private final int emailColumn;

    private final int nameColumn;
    private final int statusColumn;
    private final int subscribedAtColumn;
    private final int tagsColumn;

    RowParser(Path file, Header header, boolean allowUtf8LocalPart) {
        this.file = file;
        this.header = header;
        this.allowUtf8LocalPart = allowUtf8LocalPart;
        this.emailColumn = header.indexOf(Header.EMAIL);
        this.nameColumn = header.indexOf(Header.NAME);
        this.statusColumn = header.indexOf(Header.STATUS);
        this.subscribedAtColumn = header.indexOf(Header.SUBSCRIBED_AT);
        this.tagsColumn = header.indexOf(Header.TAGS);
    }

    /** The subscriber in {@code record}, or null after passing each problem to {@code problems}. */
    Subscriber parse(CsvRecord record, Consumer<Problem> problems) {
        if (record.size() != header.size()) {
            problems.accept(Problem.atLine(
                    file,
                    record.line(),
                    "expected " + header.size() + " fields as in the header, found " + record.size()
                            + Header.delimiterHint(record, header.delimiter())));
            return null;
        }
        boolean ok = true;
        EmailAddress email = null;
        String emailText = record.field(emailColumn);
        try {
            email = EmailAddress.parse(emailText, allowUtf8LocalPart);
        } catch (InvalidAddressException e) {
            problems.accept(Problem.atLine(file, record.line(), e.getMessage()));
            ok = false;
        }
        String name = cell(record, nameColumn);
        String nameProblem = SubscriberName.problem(name);
        if (nameProblem != null) {
            problems.accept(Problem.atLine(file, record.line(), nameProblem));
            ok = false;
        }
        Status status = Status.ACTIVE;
        String statusText = cell(record, statusColumn);
        if (!statusText.isBlank()) {
            Optional<Status> parsed = Status.parse(statusText);
            if (parsed.isPresent()) {
                status = parsed.get();
            } else {
                problems.accept(Problem.atLine(
                        file,
                        record.line(),
                        "unknown status '" + statusText + "' (use one of "
                                + Arrays.toString(Status.values()).toLowerCase(Locale.ROOT) + ")"));
                ok = false;
            }
        }
        String subscribedAt = cell(record, subscribedAtColumn).strip();
        if (!subscribedAt.isEmpty() && Timestamps.parse(subscribedAt).isEmpty()) {
            problems.accept(Problem.atLine(
                    file, record.line(), "subscribed_at '" + subscribedAt + "' is not a date; " + Timestamps.EXPECTED));
            ok = false;
        }
        String tagText = cell(record, tagsColumn);
        if (controlCharacter(tagText) != null) {
            problems.accept(Problem.atLine(file, record.line(), "the tags contain " + controlCharacter(tagText)));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Subscriber(
                email, name.strip(), status, subscribedAt, tags(tagText), attributes(record), record.line());
    }

    static List<String> tags(String text) {
        List<String> tags = new ArrayList<>();
        for (String tag : text.split(";")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags;
    }

    /**
     * Describes the first control character in {@code text} ("a line break", ...), or null if none:
     * C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
     */
    static String controlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                return "a line break";
            }
            if (c == '\u2028' || c == '\u2029') {
                return String.format("a line break (U+%04X)", (int) c);
            }
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return String.format("a control character (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** The extra columns by name; built directly as an immutable map, as it is built a million times. */
    private Map<String, String> attributes(CsvRecord record) {
        int[] extra = header.extraColumns();
        List<String> names = header.names();
        return switch (extra.length) {
            case 0 -> Map.of();
            case 1 -> Map.of(names.get(extra[0]), record.field(extra[0]));
            case 2 -> Map.of(names.get(extra[0]), record.field(extra[0]), names.get(extra[1]), record.field(extra[1]));
            default -> {
                Map<String, String> attributes = new HashMap<>();
                for (int column : extra) {
                    attributes.put(names.get(column), record.field(column));
                }
                yield attributes;
            }
        };
    }

    private static String cell(CsvRecord record, int column) {
        return column < 0 ? "" : record.field(column);
    }
}
