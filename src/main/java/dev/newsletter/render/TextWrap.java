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
            if (end - start <= width) {
                out.append(text, start, end);
            } else {
                wrapLine(text, start, end, width, out);
            }
            if (end < text.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    /** Wraps {@code text[start, end)}, one line longer than the width, at runs of spaces. */
    private static void wrapLine(String text, int start, int end, int width, StringBuilder out) {
        int indent = 0;
        while (start + indent < end && text.charAt(start + indent) == ' ') {
            indent++;
        }
        int column = 0;
        boolean first = true;
        int i = start + indent;
        while (i < end) {
            while (i < end && text.charAt(i) == ' ') {
                i++;
            }
            if (i == end) {
                break;
            }
            int word = i;
            while (i < end && text.charAt(i) != ' ') {
                i++;
            }
            int length = i - word;
            if (first) {
                out.append(text, start, start + indent).append(text, word, i);
                column = indent + length;
                first = false;
            } else if (column + 1 + length > width) {
                out.append('\n').append(text, start, start + indent).append(text, word, i);
                column = indent + length;
            } else {
                out.append(' ').append(text, word, i);
                column += 1 + length;
            }
        }
    }
}
