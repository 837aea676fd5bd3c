package dev.newsletter.subscriber;

/** A CSV record that cannot be read, at {@link #line()} (and {@link #column()}, in bytes, when known). */
final class CsvSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final int column;

    CsvSyntaxException(long line, int column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    long line() {
        return line;
    }

    /** 1-based byte column, or 0 when the error is about the whole line. */
    int column() {
        return column;
    }
}
