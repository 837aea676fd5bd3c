package dev.newsletter.report;

/** CSV cells: RFC 4180 quoting, and a leading {@code = + - @} prefixed with {@code '} so spreadsheets do not run it. */
final class Csv {
    private Csv() {}

    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0
                ? "\"" + v.replace("\"", "\"\"") + "\""
                : v;
    }
}
