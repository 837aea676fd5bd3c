package dev.newsletter.input;

import java.nio.file.Path;

/**
 * One thing wrong with an input file, with where it is: {@code config/newsletter.yaml:12:5: message}.
 * Line and column are 1-based; 0 means unknown (the whole file, or the whole line).
 */
public record Problem(Path file, int line, int column, String message) {

    public static Problem inFile(Path file, String message) {
        return new Problem(file, 0, 0, message);
    }

    public static Problem atLine(Path file, long line, String message) {
        return new Problem(file, (int) line, 0, message);
    }

    @Override
    public String toString() {
        StringBuilder where = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            where.append(':').append(line);
            if (column > 0) {
                where.append(':').append(column);
            }
        }
        return where + ": " + message;
    }
}
