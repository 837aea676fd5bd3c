package dev.newsletter.render;

/**
 * Wraps the plain-text part at a fixed width, greedily at spaces. A line's leading indentation is
 * kept on its continuation lines; words longer than the width (URLs) are never broken, so links stay
 * clickable. Lines already short enough are left exactly as they are.
 */
final class TextWrap {
    private TextWrap() {}

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 40);
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            wrapLine(text.substring(start, end), width, out);
            if (end < text.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static void wrapLine(String line, int width, StringBuilder out) {
        if (line.length() <= width) {
            out.append(line);
            return;
        }
        int indent = 0;
        while (indent < line.length() && line.charAt(indent) == ' ') {
            indent++;
        }
        String prefix = line.substring(0, indent);
        int column = 0;
        boolean first = true;
        for (String word : line.substring(indent).split(" +")) {
            if (word.isEmpty()) {
                continue;
            }
            if (first) {
                out.append(prefix).append(word);
                column = indent + word.length();
                first = false;
            } else if (column + 1 + word.length() > width) {
                out.append('\n').append(prefix).append(word);
                column = indent + word.length();
            } else {
                out.append(' ').append(word);
                column += 1 + word.length();
            }
        }
    }
}
