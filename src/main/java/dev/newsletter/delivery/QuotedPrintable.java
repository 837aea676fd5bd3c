package dev.newsletter.delivery;

import java.util.Arrays;

/**
 * Encodes a body for the wire in one pass over its characters, choosing the cheapest safe encoding:
 * {@code 7bit} when the text is ASCII with lines of at most 998 octets, else quoted-printable (RFC
 * 2045 §6.7: lines of at most 76 characters, soft breaks {@code =CRLF}, trailing white space
 * encoded) of its UTF-8 bytes. Line breaks become CRLF either way. Jakarta Mail's own path writes
 * the body twice per message (once to choose the encoding) through a byte-at-a-time filter; this
 * writes into one array sized for the worst case, with no intermediate UTF-8 copy.
 */
final class QuotedPrintable {
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    private static final int MAX_LINE = 76;
    private static final int MAX_7BIT_LINE = 998;
    /** Printable ASCII that stands for itself (33–126 except '='). */
    private static final boolean[] LITERAL = new boolean[128];

    static {
        for (int c = 33; c <= 126; c++) {
            LITERAL[c] = c != '=';
        }
    }

    private QuotedPrintable() {}

    /** The body encoded for the wire: {@code 7bit} when it can be, else quoted-printable. */
    static WireBytes encodeWire(String text) {
        WireBytes sevenBit = sevenBit(text);
        return sevenBit != null ? sevenBit : quoteWire(text);
    }

    /**
     * The text as {@code 7bit} wire bytes, or null when it is not ASCII, holds a NUL or has a line
     * over 998 octets. Bodies are long and usually LF-only: the checks and the copy use the JDK's
     * vectorised string search and array copy instead of a loop per character.
     */
    static WireBytes sevenBit(String text) {
        if (text.indexOf(0) >= 0) {
            return null;
        }
        byte[] ascii = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (ascii.length != text.length()) {
            return null; // a character took more than one byte: not ASCII
        }
        if (text.indexOf('\r') >= 0) {
            return isSevenBit(text) ? whole(crlf(text)) : null;
        }
        int lines = 0;
        for (int from = 0, end; from < text.length(); from = end + 1) {
            end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            } else {
                lines++;
            }
            if (end - from > MAX_7BIT_LINE) {
                return null;
            }
        }
        if (lines == 0) {
            return whole(ascii);
        }
        byte[] out = new byte[ascii.length + lines];
        int size = 0;
        for (int from = 0, end; from < ascii.length; from = end + 1) {
            end = text.indexOf('\n', from);
            if (end < 0) {
                end = ascii.length;
            }
            System.arraycopy(ascii, from, out, size, end - from);
            size += end - from;
            if (end < ascii.length) {
                out[size++] = '\r';
                out[size++] = '\n';
            }
        }
        return whole(out);
    }

    private static WireBytes whole(byte[] bytes) {
        return new WireBytes(bytes, bytes.length, "7bit");
    }

    static boolean isSevenBit(String text) {
        int line = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 || c == 0) {
                return false;
            }
            if (c == '\n') {
                line = 0;
            } else if (c != '\r' && ++line > MAX_7BIT_LINE) {
                return false;
            }
        }
        return true;
    }

    /** ASCII text with bare LF or CR turned into CRLF. */
    static byte[] crlf(String text) {
        if (text.indexOf('\r') < 0) {
            return text.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        int n = text.length();
        byte[] out = new byte[n * 2 + 2];
        int size = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    continue;
                }
                out[size++] = '\r';
                out[size++] = '\n';
            } else if (c == '\n') {
                out[size++] = '\r';
                out[size++] = '\n';
            } else {
                out[size++] = (byte) c;
            }
        }
        return Arrays.copyOf(out, size);
    }

    static WireBytes quoteWire(String text) {
        int n = text.length();
        char[] chars = new char[n];
        text.getChars(0, n, chars, 0);
        // sized for mostly-ASCII text (soft breaks, a few escapes); grown when escapes need more
        byte[] out = new byte[n + n / 16 + 64];
        int size = 0;
        int column = 0;
        byte[] utf8 = new byte[4];
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (size + 24 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
                    i++;
                }
                out[size++] = '\r';
                out[size++] = '\n';
                column = 0;
                continue;
            }
            boolean lineEnds = i + 1 == n || chars[i + 1] == '\n' || chars[i + 1] == '\r';
            if ((c < 0x80 && LITERAL[c]) || ((c == ' ' || c == '\t') && !lineEnds)) {
                // itself: a soft break first if the line is full and more follows on it
                if (column == MAX_LINE - 1 && !lineEnds) {
                    out[size++] = '=';
                    out[size++] = '\r';
                    out[size++] = '\n';
                    column = 0;
                }
                out[size++] = (byte) c;
                column++;
                continue;
            }
            int bytes;
            if (c < 0x80) {
                utf8[0] = (byte) c;
                bytes = 1;
            } else {
                bytes = utf8(text, i, c, utf8);
                if (bytes == 4) {
                    i++;
                }
            }
            // keep a character's bytes on one line, so a soft break never splits it
            if (column + 3 * bytes > MAX_LINE - 1 && !(lineEnds && column + 3 * bytes <= MAX_LINE)) {
                out[size++] = '=';
                out[size++] = '\r';
                out[size++] = '\n';
                column = 0;
            }
            for (int b = 0; b < bytes; b++) {
                int v = utf8[b] & 0xff;
                out[size++] = '=';
                out[size++] = HEX[v >> 4];
                out[size++] = HEX[v & 15];
            }
            column += 3 * bytes;
        }
        return new WireBytes(out, size, "quoted-printable");
    }

    /** The UTF-8 bytes of the code point at {@code i}; a lone surrogate becomes U+FFFD. */
    private static int utf8(String text, int i, char c, byte[] into) {
        int cp = c;
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(i + 1));
            } else {
                cp = 0xFFFD;
            }
        } else if (Character.isLowSurrogate(c)) {
            cp = 0xFFFD;
        }
        if (cp < 0x800) {
            into[0] = (byte) (0xC0 | (cp >> 6));
            into[1] = (byte) (0x80 | (cp & 0x3F));
            return 2;
        }
        if (cp < 0x10000) {
            into[0] = (byte) (0xE0 | (cp >> 12));
            into[1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            into[2] = (byte) (0x80 | (cp & 0x3F));
            return 3;
        }
        into[0] = (byte) (0xF0 | (cp >> 18));
        into[1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        into[2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        into[3] = (byte) (0x80 | (cp & 0x3F));
        return 4;
    }
}
