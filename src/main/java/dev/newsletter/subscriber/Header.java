package dev.newsletter.subscriber;

import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The header row of a subscriber CSV: where each standard column is, the extra columns (template
 * attributes), the delimiter and the line ending. Column names are matched in any case and order;
 * spaces and hyphens count as underscores, so {@code Subscribed At} is {@code subscribed_at}.
 */
final class Header {
    static final String EMAIL = "email";
    static final String NAME = "name";
    static final String STATUS = "status";
    static final String SUBSCRIBED_AT = "subscribed_at";
    static final String TAGS = "tags";
    static final List<String> STANDARD = List.of(EMAIL, NAME, STATUS, SUBSCRIBED_AT, TAGS);

    /** Names a spreadsheet export may give the email column; accepted in import files only. */
    private static final Set<String> EMAIL_ALIASES = Set.of("e_mail", "email_address", "e_mail_address", "mail");

    private final CsvRecord record;
    private final List<String> names;
    private final Map<String, Integer> index;
    private final byte delimiter;
    private final int[] extraColumns;

    private Header(CsvRecord record, List<String> names, Map<String, Integer> index, byte delimiter) {
        this.record = record;
        this.names = names;
        this.index = index;
        this.delimiter = delimiter;
        this.extraColumns = IntStream.range(0, names.size())
                .filter(i -> !STANDARD.contains(names.get(i)))
                .toArray();
    }

    /** Reads a list file's header; adds a problem for each thing wrong with it and returns null if any. */
    static Header of(Path file, CsvRecord record, byte delimiter, Problems problems) {
        return of(file, record, delimiter, false, problems);
    }

    /** Reads an import file's header, where the email column may also be called e-mail, email address or mail. */
    static Header ofImport(Path file, CsvRecord record, byte delimiter, Problems problems) {
        return of(file, record, delimiter, true, problems);
    }

    private static Header of(Path file, CsvRecord record, byte delimiter, boolean aliases, Problems problems) {
        List<String> names = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String name = normalize(record.field(i));
            if (aliases && EMAIL_ALIASES.contains(name) && !index.containsKey(EMAIL)) {
                name = EMAIL;
            }
            names.add(name);
            index.putIfAbsent(name, i);
        }
        if (!index.containsKey(EMAIL)) {
            String hint = record.fields().stream().anyMatch(f -> f.contains("@"))
                    ? " (the first line looks like a subscriber; a header row must come first)"
                    : delimiterHint(record, delimiter);
            problems.add(Problem.atLine(
                    file,
                    record.line(),
                    "the header has no 'email' column (expected a first line like email,name,status,subscribed_at,tags)"
                            + hint));
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                problems.add(Problem.atLine(file, record.line(), "column " + (i + 1) + " has no name in the header"));
                ok = false;
            } else if (index.get(name) != i) {
                problems.add(Problem.atLine(
                        file,
                        record.line(),
                        "the header names column '" + name + "' twice (columns " + (index.get(name) + 1) + " and "
                                + (i + 1) + ")"));
                ok = false;
            }
        }
        return ok ? new Header(record, List.copyOf(names), Map.copyOf(index), delimiter) : null;
    }

    /**
     * The delimiter a spreadsheet export uses: whichever of comma, semicolon and tab appears most,
     * outside quotes, in the first line of {@code start} (the first bytes of the file); comma on a tie.
     */
    static byte sniffDelimiter(byte[] start) {
        int[] counts = new int[3];
        boolean quoted = false;
        for (byte b : start) {
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted && (b == '\n' || b == '\r')) {
                break;
            } else if (!quoted) {
                int candidate = b == ',' ? 0 : b == ';' ? 1 : b == '\t' ? 2 : -1;
                if (candidate >= 0) {
                    counts[candidate]++;
                }
            }
        }
        byte[] candidates = {',', ';', '\t'};
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return candidates[best];
    }

    /** A hint when a record that should have several fields has one that holds another delimiter. */
    static String delimiterHint(CsvRecord record, byte delimiter) {
        if (record.size() != 1) {
            return "";
        }
        String only = record.field(0);
        for (char other : new char[] {',', ';', '\t'}) {
            if (other != delimiter && only.indexOf(other) >= 0) {
                return " (the line seems to be separated by " + describe((byte) other) + " instead of "
                        + describe(delimiter) + ")";
            }
        }
        return "";
    }

    static String describe(byte delimiter) {
        return delimiter == '\t' ? "tabs" : "'" + (char) delimiter + "'";
    }

    static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    CsvRecord record() {
        return record;
    }

    long line() {
        return record.line();
    }

    byte delimiter() {
        return delimiter;
    }

    List<String> names() {
        return names;
    }

    int size() {
        return names.size();
    }

    /** The column's position, or -1 if the header does not have it. */
    int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** The positions of the columns that are not standard ones, the template attributes (do not change it). */
    int[] extraColumns() {
        return extraColumns;
    }

    boolean isStandard(int column) {
        return STANDARD.contains(names.get(column));
    }

    /** The line ending new rows get: the header's own, or LF when the header is the last line and has none. */
    byte[] lineEnding() {
        byte[] ending = record.lineEnding();
        return ending.length == 0 ? new byte[] {'\n'} : ending;
    }
}
