package dev.newsletter.subscriber;

/** A CSV file that cannot be parsed at {@link #line()}. */
final class CsvSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long line;

    CsvSyntaxException(long line, String message) {
        super(message);
        this.line = line;
    }

    long line() {
        return line;
    }
}
