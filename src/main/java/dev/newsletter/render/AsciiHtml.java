package dev.newsletter.render;

import dev.newsletter.text.CharacterReference;

/**
 * Makes rendered HTML pure ASCII by writing each non-ASCII character as a numeric character
 * reference ({@code —} becomes {@code &#8212;}), which every HTML reader shows as the same
 * character. An ASCII body with short lines goes out as {@code 7bit}: no quoted-printable encoding
 * (which was a sixth of the CPU time per message), no {@code =3D} for every attribute, and the
 * bytes DKIM signs are the bytes a reader's client decodes.
 *
 * <p>Character references mean nothing inside {@code <style>} and {@code <script>}: non-ASCII
 * characters there are left as they are (the message then goes out quoted-printable).
 */
final class AsciiHtml {
    private AsciiHtml() {}

    /** The HTML with every non-ASCII character outside {@code <style>} and {@code <script>} as a reference. */
    static String of(String html) {
        int first = firstNonAscii(html);
        if (first < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length() + 64).append(html, 0, first);
        RawText raw = new RawText(html);
        int n = html.length();
        for (int i = first; i < n; i++) {
            char c = html.charAt(i);
            if (c < 0x80 || raw.inside(i)) {
                out.append(c);
            } else {
                i = CharacterReference.append(html, i, out);
            }
        }
        return out.toString();
    }

    private static int firstNonAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            if (text.charAt(i) >= 0x80) {
                return i;
            }
        }
        return -1;
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
