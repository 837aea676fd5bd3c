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
        int n = html.length();
        char[] chars = new char[n];
        html.getChars(0, n, chars, 0);
        byte[] out = new byte[n + n / 32 + 64];
        int size = 0;
        int line = 0;
        int[] raw = null;
        int range = 0;
        for (int i = 0; i < n; i++) {
            if (size + 16 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            char c = chars[i];
            if (c >= 0x20 && c < 0x7f) {
                out[size++] = (byte) c;
                if (++line > MAX_LINE) {
                    return null;
                }
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
                    i++;
                }
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
            } else {
                if (raw == null) {
                    raw = rawTextRanges(html);
                }
                while (range < raw.length && raw[range + 1] <= i) {
                    range += 2;
                }
                if (range < raw.length && raw[range] <= i) {
                    return null;
                }
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    cp = Character.toCodePoint(c, chars[++i]);
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
        return java.util.Arrays.copyOf(out, size);
    }

    /** Start and end offsets of every {@code <style>} and {@code <script>} element, in order. */
    private static int[] rawTextRanges(String html) {
        java.util.List<Integer> ranges = new java.util.ArrayList<>();
        int n = html.length();
        for (int i = html.indexOf('<'); i >= 0 && i < n; i = html.indexOf('<', i + 1)) {
            for (String tag : new String[] {"style", "script"}) {
                if (html.regionMatches(true, i + 1, tag, 0, tag.length())) {
                    int end = indexOfIgnoreCase(html, "</" + tag, i);
                    ranges.add(i);
                    ranges.add(end < 0 ? n : end);
                    i = end < 0 ? n : end;
                    break;
                }
            }
        }
        return ranges.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int indexOfIgnoreCase(String text, String part, int from) {
        for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
            if (text.regionMatches(true, i, part, 0, part.length())) {
                return i;
            }
        }
        return -1;
    }
}
