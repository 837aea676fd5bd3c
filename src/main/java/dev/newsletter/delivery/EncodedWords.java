package dev.newsletter.delivery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Text as RFC 2047 encoded words in UTF-8, written as Jakarta Mail's {@code MimeUtility} writes them
 * ({@code B} when most characters are not ASCII, else {@code Q}, with the same characters left as
 * they are), so a short name or subject comes out byte for byte as before. Unlike {@code
 * MimeUtility} it also encodes ASCII text (a name that looks like an encoded word, a word too long
 * to fold), and it cuts the words to fit their lines: each at most 75 characters (RFC 2047 §2), the
 * first no longer than the room left after the field name, a grapheme (a character with its marks,
 * or an emoji sequence) and so a character's bytes never split between two words, and a word ending after a space where one is near. Decoders join adjacent encoded
 * words without the white space between them, so the words may go on lines of their own; Python's
 * email parser keeps a space between two encoded words of a display name, and ending words after a
 * space keeps it from splitting a word of the name.
 */
final class EncodedWords {
    /** RFC 2047 §2: an encoded word is at most 75 characters long. */
    static final int MAX_WORD = 75;

    private static final String SUFFIX = "?=";
    private static final int FRAME = "=?UTF-8?Q?".length() + SUFFIX.length();
    /** Room for the longest character (4 bytes, 12 characters in Q) in the smallest word we make. */
    private static final int MIN_WORD = FRAME + 12;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Where the words go: a phrase (display name, RFC 2047 §5 (3)) allows fewer literal characters than text. */
    enum Context {
        /** Unstructured text, e.g. Subject (RFC 2047 §5 (1)). */
        TEXT("=_?"),
        /** A phrase, e.g. a display name (RFC 2047 §5 (3)). */
        PHRASE("=_?\"#$%&'(),.:;<>@[\\]^`{|}~");

        private final String specials;

        Context(String specials) {
            this.specials = specials;
        }
    }

    private EncodedWords() {}

    /**
     * The words for {@code text}, the first at most {@code firstRoom} characters long (but never
     * shorter than one character needs), the others at most {@link #MAX_WORD}.
     */
    static List<String> encode(String text, Context context, int firstRoom) {
        boolean base64 = mostlyNonAscii(text);
        String prefix = base64 ? "=?UTF-8?B?" : "=?UTF-8?Q?";
        List<byte[]> units = graphemes(text, base64, context);
        List<String> words = new ArrayList<>();
        int room = Math.max(MIN_WORD, Math.min(firstRoom, MAX_WORD)) - FRAME;
        int from = 0;
        while (from < units.size()) {
            int to = from; // the word takes units [from, to)
            int size = 0;
            while (to < units.size() && length(base64, size + size(units.get(to), base64, context)) <= room) {
                size += size(units.get(to), base64, context);
                to++;
            }
            to = Math.max(to, from + 1);
            int space = lastSpace(units, from, to);
            if (to < units.size() && space > from + (to - from) / 2) {
                to = space + 1; // end the word after a space, so a parser that keeps the words apart splits no word
            }
            words.add(prefix + payload(units.subList(from, to), base64, context) + SUFFIX);
            from = to;
            room = MAX_WORD - FRAME;
        }
        if (words.isEmpty()) {
            words.add(prefix + SUFFIX);
        }
        return words;
    }

    /**
     * The UTF-8 bytes of each grapheme of {@code text}: a character with the marks, joiners and
     * modifiers that extend it (an approximation of UAX #29 that covers combining marks, emoji
     * sequences and flags). A grapheme that would not fit in a word on its own is cut between code
     * points, so that every word stays within {@link #MAX_WORD}.
     */
    private static List<byte[]> graphemes(String text, boolean base64, Context context) {
        List<byte[]> units = new ArrayList<>();
        java.io.ByteArrayOutputStream unit = new java.io.ByteArrayOutputStream();
        int previous = -1;
        int regionalIndicators = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            boolean pairsFlag = isRegionalIndicator(cp) && isRegionalIndicator(previous) && regionalIndicators % 2 == 1;
            boolean extending = previous >= 0 && (extendsGrapheme(cp) || previous == ZERO_WIDTH_JOINER || pairsFlag);
            if (!extending || !fitsAlone(unit.size() + bytes.length, unit.toByteArray(), bytes, base64, context)) {
                if (unit.size() > 0) {
                    units.add(unit.toByteArray());
                }
                unit.reset();
            }
            unit.writeBytes(bytes);
            regionalIndicators = isRegionalIndicator(cp) ? regionalIndicators + 1 : 0;
            previous = cp;
        }
        if (unit.size() > 0) {
            units.add(unit.toByteArray());
        }
        return units;
    }

    private static final int ZERO_WIDTH_JOINER = 0x200D;

    /** Whether {@code cp} belongs to the grapheme before it. */
    private static boolean extendsGrapheme(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || cp == ZERO_WIDTH_JOINER
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) // emoji skin tones
                || (cp >= 0xE0020 && cp <= 0xE007F); // emoji tag sequences
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Whether a grapheme grown to {@code size} bytes (these) still fits in a word of its own. */
    private static boolean fitsAlone(int size, byte[] unit, byte[] next, boolean base64, Context context) {
        if (base64) {
            return base64Length(size) <= MAX_WORD - FRAME;
        }
        return qEncoded(unit, context).length() + qEncoded(next, context).length() <= MAX_WORD - FRAME;
    }

    /** The size of a unit: bytes for B, characters for Q. */
    private static int size(byte[] unit, boolean base64, Context context) {
        return base64 ? unit.length : qEncoded(unit, context).length();
    }

    private static int length(boolean base64, int size) {
        return base64 ? base64Length(size) : size;
    }

    private static int lastSpace(List<byte[]> units, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            if (units.get(i).length == 1 && units.get(i)[0] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String payload(List<byte[]> units, boolean base64, Context context) {
        if (base64) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            units.forEach(bytes::writeBytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
        StringBuilder q = new StringBuilder();
        units.forEach(unit -> q.append(qEncoded(unit, context)));
        return q.toString();
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    private static String qEncoded(byte[] bytes, Context context) {
        StringBuilder out = new StringBuilder(3 * bytes.length);
        for (byte value : bytes) {
            int c = value & 0xff;
            if (c == ' ') {
                out.append('_');
            } else if (c < 040 || c >= 0177 || context.specials.indexOf(c) >= 0) {
                out.append('=').append(HEX[c >> 4]).append(HEX[c & 15]);
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** MimeUtility's rule for choosing B: at least as many characters outside ASCII as in it. */
    private static boolean mostlyNonAscii(String text) {
        int ascii = 0;
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0177 || (c < 040 && c != '\r' && c != '\n' && c != '\t')) {
                other++;
            } else {
                ascii++;
            }
        }
        return other > 0 && ascii <= other;
    }
}
