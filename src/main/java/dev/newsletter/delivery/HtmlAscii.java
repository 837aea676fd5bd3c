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

    /** The body in ASCII, or null when it cannot be written so. */
    static String toAscii(String html) {
        int n = html.length();
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (html.charAt(i) >= 0x80) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return html;
        }
        int[] raw = rawTextRanges(html);
        int range = 0;
        StringBuilder out = new StringBuilder(n + 64);
        out.append(html, 0, first);
        for (int i = first; i < n; i++) {
            char c = html.charAt(i);
            if (c < 0x80) {
                out.append(c);
                continue;
            }
            while (range < raw.length && raw[range + 1] <= i) {
                range += 2;
            }
            if (range < raw.length && raw[range] <= i) {
                return null;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(html.charAt(i + 1))) {
                cp = Character.toCodePoint(c, html.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cp = 0xFFFD;
            }
            out.append("&#").append(cp).append(';');
        }
        return out.toString();
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
