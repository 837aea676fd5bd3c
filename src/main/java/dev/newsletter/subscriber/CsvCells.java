package dev.newsletter.subscriber;

import java.util.List;

/** Writing CSV cells: quoted only when they must be (RFC 4180), so new rows look like hand-written ones. */
final class CsvCells {
    private CsvCells() {}

    /** One cell, quoted if it holds the delimiter, a quote or a line break, or starts or ends with a space. */
    static String encode(String value, byte delimiter) {
        boolean quote = !value.isEmpty()
                && (Character.isWhitespace(value.charAt(0))
                        || Character.isWhitespace(value.charAt(value.length() - 1)));
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == delimiter || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** A whole row without its line ending. */
    static String row(List<String> cells, byte delimiter) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append((char) delimiter);
            }
            row.append(encode(cells.get(i), delimiter));
        }
        return row.toString();
    }

    /**
     * A cell made safe for spreadsheets: one starting with {@code = + - @}, a tab or a carriage
     * return would be run as a formula by Excel, LibreOffice or Google Sheets (CSV injection), so it
     * gets a leading apostrophe, which they show as text (OWASP, "CSV Injection").
     */
    static String formulaSafe(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return risky ? "'" + value : value;
    }
}
