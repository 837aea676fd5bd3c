package dev.newsletter.text;

/**
 * A character as an HTML numeric character reference ({@code —} as {@code &#8212;}), which every
 * HTML reader shows as the same character. Both ways of rendering a message write non-ASCII
 * characters through this one method, so they put out the same bytes.
 */
public final class CharacterReference {
    private CharacterReference() {}

    /**
     * Appends the reference for the character at {@code i} (a surrogate pair is one code point, a
     * lone surrogate becomes U+FFFD) and returns the index of its last char.
     */
    public static int append(CharSequence text, int i, StringBuilder out) {
        char c = text.charAt(i);
        int codePoint = c;
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            codePoint = Character.toCodePoint(c, text.charAt(++i));
        } else if (Character.isSurrogate(c)) {
            codePoint = 0xFFFD;
        }
        out.append("&#").append(codePoint).append(';');
        return i;
    }
}
