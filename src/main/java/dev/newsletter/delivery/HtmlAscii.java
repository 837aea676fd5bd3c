package dev.newsletter.delivery;

/**
 * Makes an HTML body pure ASCII by writing each non-ASCII character as a numeric character
 * reference ({@code —} becomes {@code &#8212;}), which every HTML reader shows as the same
 * character. An ASCII body with short lines goes out as {@code 7bit}: no quoted-printable encoding
 * (which was a sixth of the CPU time per message), no {@code =3D} for every attribute, and the
 * bytes DKIM signs are the bytes a reader's client decodes.
 *
 * <p>Character references mean nothing inside {@code <style>} and {@code <script>}: a non-ASCII
 * character there leaves the body as it is (the caller then uses quoted-printable).
 */
final class HtmlAscii {
    private HtmlAscii() {}

    private static final int MAX_LINE = 998;

    /**
     * The body as {@code 7bit} wire bytes (ASCII, CRLF line breaks, lines of at most 998 octets)
     * in one pass, or null when it cannot be: a line too long, or a non-ASCII character inside
     * {@code <style>} or {@code <script>}.
     */
    static byte[] sevenBit(String html) {
        WireBytes wire = sevenBitWire(html);
        return wire == null ? null : java.util.Arrays.copyOf(wire.buffer(), wire.length());
    }

    /** As {@link #sevenBit}, without the final copy to an exact-size array. */
    static WireBytes sevenBitWire(String html) {
        int n = html.length();
        byte[] out = new byte[n + n / 16 + 64];
        int size = 0;
        int line = 0;
        RawText raw = null;
        // chars are read in chunks into an array: a tight loop over an array, not charAt per char
        char[] chunk = new char[Math.min(Math.max(n, 1), 2048)];
        int i = 0;
        while (i < n) {
            int length = Math.min(chunk.length, n - i);
            html.getChars(i, i + length, chunk, 0);
            int j = 0;
            while (j < length) {
                if (size + 16 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                char c = chunk[j];
                if (c >= 0x20 && c < 0x7f) {
                    out[size++] = (byte) c;
                    if (++line > MAX_LINE) {
                        return null;
                    }
                    j++;
                    continue;
                }
                int at = i + j;
                if (c == '\n' || c == '\r') {
                    j += c == '\r' && at + 1 < n && html.charAt(at + 1) == '\n' ? 2 : 1;
                    out[size++] = '\r';
                    out[size++] = '\n';
                    line = 0;
                } else if (c < 0x80) {
                    if (c == 0) {
                        return null;
                    }
                    out[size++] = (byte) c;
                    if (++line > MAX_LINE) {
                        return null;
                    }
                    j++;
                } else {
                    if (raw == null) {
                        raw = new RawText(html);
                    }
                    if (raw.inside(at)) {
                        return null;
                    }
                    int cp = c;
                    j++;
                    if (Character.isHighSurrogate(c) && at + 1 < n && Character.isLowSurrogate(html.charAt(at + 1))) {
                        cp = Character.toCodePoint(c, html.charAt(at + 1));
                        j++;
                    } else if (Character.isSurrogate(c)) {
                        cp = 0xFFFD;
                    }
                    String reference = "&#" + cp + ";";
                    for (int k = 0; k < reference.length(); k++) {
                        out[size++] = (byte) reference.charAt(k);
                    }
                    line += reference.length();
                    if (line > MAX_LINE) {
                        return null;
                    }
                }
            }
            i += j;
        }
        return new WireBytes(out, size, "7bit");
    }

    /**
     * Tells whether a position is inside a {@code <style>} or {@code <script>} element, reading the
     * document's tags only as far as the positions asked about (which only grow).
     */
    private static final class RawText {
        private final String html;
        private int scanned;
        private int end = -1;

        RawText(String html) {
            this.html = html;
        }

        boolean inside(int position) {
            while (true) {
                if (position < end) {
                    return true;
                }
                int tag = html.indexOf('<', Math.max(scanned, end));
                if (tag < 0 || tag > position) {
                    scanned = Math.max(scanned, position);
                    return false;
                }
                scanned = tag + 1;
                for (String name : new String[] {"style", "script"}) {
                    if (html.regionMatches(true, tag + 1, name, 0, name.length())) {
                        int close = closing(name, tag);
                        if (position < close) {
                            end = close;
                            return true;
                        }
                        end = close;
                        break;
                    }
                }
            }
        }

        private int closing(String name, int from) {
            String part = "</" + name;
            for (int i = html.indexOf('<', from + 1); i >= 0; i = html.indexOf('<', i + 1)) {
                if (html.regionMatches(true, i, part, 0, part.length())) {
                    return i;
                }
            }
            return html.length();
        }
    }
}
