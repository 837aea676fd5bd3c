package dev.newsletter.report;

/**
 * CSV cells: RFC 4180 quoting, and a cell a spreadsheet would run as a formula (one starting with
 * {@code = + - @}, or with a tab or line break before one) prefixed with {@code '}.
 */
public final class Csv {
    private Csv() {}

    public static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r\n".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
