package dev.newsletter.delivery;

import jakarta.mail.internet.MimeUtility;
import java.util.ArrayList;
import java.util.List;

/**
 * Header values as they go out: guarded, encoded and folded. Data with CR, LF or another control
 * character never reaches a header. Every value is folded (RFC 5322 §2.2.3) at its white space, as
 * Jakarta Mail's {@code MimeUtility.fold} does, so that lines keep within 78 characters wherever
 * white space allows; text that white space cannot fold (a word longer than a line), text that is
 * not ASCII and text that a client would read as an encoded word ({@code =?utf-8?q?…?=}) is written
 * as RFC 2047 encoded words of at most 75 characters, one after the other on lines of their own, so
 * that every client shows it exactly as it was written. No line is ever longer than 998 characters
 * (RFC 5322 §2.1.1): a value that cannot be folded that short (a URL or a Message-ID of that length)
 * is refused.
 */
final class HeaderValues {
    /** RFC 5322 §2.1.1: lines SHOULD be at most 78 characters, and MUST be at most 998. */
    static final int SOFT_LIMIT = 78;

    static final int HARD_LIMIT = 998;

    /** The specials of RFC 5322 §3.2.3 that make a phrase need quotes (as Jakarta Mail's quotePhrase has them). */
    private static final String PHRASE_SPECIALS = "()<>@,;:\\\".[]";

    private HeaderValues() {}

    static String singleLine(String header, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || (c < 0x20 && c != '\t') || c == 0x7f) {
                throw new HeaderInjectionException(
                        header + " contains a line break or control character: refused, nothing sent");
            }
        }
        return value;
    }

    /** Unstructured text (Subject): folded at its white space, or encoded when it must be. */
    static String unstructured(String header, String text) {
        singleLine(header, text);
        int used = header.length() + 2;
        if (plain(text)) {
            String folded = MimeUtility.fold(used, text);
            if (foldsCleanly(used, folded)) {
                return folded;
            }
        }
        return checked(header, join(used, EncodedWords.encode(text, EncodedWords.Context.TEXT, SOFT_LIMIT - used)));
    }

    /**
     * A phrase and what follows it: {@code Name <address>} (From, To) or {@code Name <list-id>}
     * (List-Id). The phrase is quoted when it holds specials (as Jakarta Mail quotes a display name),
     * or encoded when it must be; {@code tail} is ASCII and is never split.
     */
    static String phrased(String header, String phrase, String tail) {
        singleLine(header, phrase);
        singleLine(header, tail);
        int used = header.length() + 2;
        if (phrase.isEmpty()) {
            return structured(header, tail);
        }
        if (plain(phrase)) {
            String folded = MimeUtility.fold(used, quoted(phrase) + " " + tail);
            if (foldsCleanly(used, folded)) {
                return folded;
            }
        }
        List<String> tokens =
                new ArrayList<>(EncodedWords.encode(phrase, EncodedWords.Context.PHRASE, SOFT_LIMIT - used));
        tokens.add(tail);
        return checked(header, join(used, tokens));
    }

    /** An ASCII value with its own syntax (Message-ID, Date, List-Unsubscribe): folded at its white space only. */
    static String structured(String header, String value) {
        singleLine(header, value);
        return checked(header, MimeUtility.fold(header.length() + 2, value));
    }

    /** ASCII with nothing a client would decode: it may go out as it is. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x7f) {
                return false;
            }
        }
        return !text.contains("=?");
    }

    /** The phrase in quotes, with {@code "} and {@code \} escaped, when it holds a special character. */
    private static String quoted(String phrase) {
        boolean special = false;
        for (int i = 0; i < phrase.length() && !special; i++) {
            special = PHRASE_SPECIALS.indexOf(phrase.charAt(i)) >= 0;
        }
        if (!special) {
            return phrase;
        }
        return '"' + phrase.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Tokens one after the other, each on the current line when it fits, else on a new one. */
    private static String join(int used, List<String> tokens) {
        StringBuilder out = new StringBuilder();
        int column = used;
        for (String token : tokens) {
            if (out.length() == 0) {
                out.append(token);
                column += token.length();
            } else if (column + 1 + token.length() <= SOFT_LIMIT) {
                out.append(' ').append(token);
                column += 1 + token.length();
            } else {
                out.append("\r\n ").append(token);
                column = 1 + token.length();
            }
        }
        return out.toString();
    }

    /**
     * Whether white space folded the value into lines of at most 78 characters, none of them ending
     * in a backslash (Jakarta Mail's {@code unfold} reads that as an escaped line break).
     */
    private static boolean foldsCleanly(int used, String folded) {
        return fits(used, folded, SOFT_LIMIT) && !folded.contains("\\\r\n");
    }

    /** Whether every line of a folded value, the first after {@code used} characters, is at most {@code limit} long. */
    private static boolean fits(int used, String folded, int limit) {
        int column = used;
        for (int i = 0; i < folded.length(); i++) {
            if (folded.charAt(i) == '\r') {
                column = 0;
                i++; // the LF
            } else if (++column > limit) {
                return false;
            }
        }
        return true;
    }

    private static String checked(String header, String folded) {
        if (!fits(header.length() + 2, folded, HARD_LIMIT)) {
            throw new HeaderInjectionException(header + " has a part longer than a header line may be (" + HARD_LIMIT
                    + " characters) that cannot be folded: refused, nothing sent");
        }
        return folded;
    }
}
