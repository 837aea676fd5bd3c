package dev.newsletter.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Encodes a body for the wire in one pass over a byte array, choosing the cheapest safe encoding:
 * {@code 7bit} when the text is ASCII with lines of at most 998 octets, else quoted-printable (RFC
 * 2045 §6.7: lines of at most 76 characters, soft breaks {@code =CRLF}, trailing white space
 * encoded). Line breaks become CRLF either way. Jakarta Mail's own path writes the body twice
 * (once to choose the encoding) through a byte-at-a-time filter; this is many times faster.
 */
final class QuotedPrintable {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 76;
    private static final int MAX_7BIT_LINE = 998;

    private QuotedPrintable() {}

    /** An encoded body and its {@code Content-Transfer-Encoding}. */
    record Encoded(String encoding, byte[] bytes) {}

    static Encoded encode(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        return isSevenBit(in) ? new Encoded("7bit", crlf(in)) : new Encoded("quoted-printable", quote(in));
    }

    static boolean isSevenBit(byte[] in) {
        int line = 0;
        for (byte b : in) {
            if (b < 0 || b == 0) {
                return false;
            }
            if (b == '\n') {
                line = 0;
            } else if (b != '\r' && ++line > MAX_7BIT_LINE) {
                return false;
            }
        }
        return true;
    }

    static byte[] crlf(byte[] in) {
        Out out = new Out(in.length + in.length / 40 + 16);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                continue;
            }
            if (b == '\n') {
                out.put('\r');
            }
            out.put(b);
        }
        return out.bytes();
    }

    static byte[] quote(byte[] in) {
        Out out = new Out(in.length + in.length / 8 + 16);
        int column = 0;
        for (int i = 0; i < in.length; i++) {
            int b = in[i] & 0xff;
            if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                continue;
            }
            if (b == '\n' || b == '\r') {
                out.put('\r');
                out.put('\n');
                column = 0;
                continue;
            }
            boolean lineEndsHere = i + 1 == in.length || in[i + 1] == '\n' || in[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEndsHere);
            int width = literal ? 1 : 3;
            // keep room for a soft break '=' unless this is the last character of the line
            int limit = lineEndsHere ? MAX_LINE : MAX_LINE - 1;
            if (column + width > limit) {
                out.put('=');
                out.put('\r');
                out.put('\n');
                column = 0;
            }
            if (literal) {
                out.put(b);
            } else {
                out.put('=');
                out.put(HEX[b >> 4]);
                out.put(HEX[b & 15]);
            }
            column += width;
        }
        return out.bytes();
    }

    /** A growable byte array without the synchronisation of ByteArrayOutputStream. */
    private static final class Out {
        private byte[] buffer;
        private int size;

        Out(int capacity) {
            buffer = new byte[capacity];
        }

        void put(int b) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2 + 16);
            }
            buffer[size++] = (byte) b;
        }

        byte[] bytes() {
            return Arrays.copyOf(buffer, size);
        }
    }
}
