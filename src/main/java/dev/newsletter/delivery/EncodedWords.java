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
 * first no longer than the room left after the field name, and a character's bytes never split
 * between two words. Decoders join adjacent encoded words without the white space between them, so
 * the words may go on lines of their own.
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
        List<String> words = new ArrayList<>();
        int room = Math.max(MIN_WORD, Math.min(firstRoom, MAX_WORD)) - FRAME;
        StringBuilder q = new StringBuilder();
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            i += Character.charCount(cp);
            if (base64) {
                if (base64Length(b.size() + bytes.length) > room) {
                    words.add(prefix + Base64.getEncoder().encodeToString(b.toByteArray()) + SUFFIX);
                    b.reset();
                    room = MAX_WORD - FRAME;
                }
                b.writeBytes(bytes);
            } else {
                String piece = qEncoded(bytes, context);
                if (q.length() + piece.length() > room) {
                    words.add(prefix + q + SUFFIX);
                    q.setLength(0);
                    room = MAX_WORD - FRAME;
                }
                q.append(piece);
            }
        }
        words.add(prefix + (base64 ? Base64.getEncoder().encodeToString(b.toByteArray()) : q) + SUFFIX);
        return words;
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
