package dev.newsletter.cli;

/**
 * Text from outside (a server's reply, a journal line) made safe to print on a terminal: a line
 * break or tab becomes a space, and other control characters (C0, DEL, C1: the ESC of an escape
 * sequence, a BEL) and the bidirectional controls that reorder what a terminal shows are dropped.
 */
final class TerminalText {
    private TerminalText() {}

    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == '\r' || c == '\n' || c == '\t';
            boolean drop = !space && (Character.getType(c) == Character.CONTROL || bidiControl(c));
            if (out == null && (space || drop)) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue; // CRLF: one space, for the LF
            }
            if (space) {
                out.append(' ');
            } else if (!drop) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean bidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e'
                || c == '\u200f'
                || c == '\u061c';
    }
}
