package dev.newsletter.address;

import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A validated email address in its canonical form: the local part as the person wrote it, the domain
 * in lower case and in ASCII (IDN A-label) form. That form is what is stored, shown and sent to.
 *
 * <p>Two addresses are the same mailbox when their {@link #key() keys} are equal: the local part
 * without regard to upper and lower case (the standard lets a server tell them apart, but providers
 * do not, and a person unsubscribed as {@code li.wei@} must not be mailed as {@code Li.Wei@}), and the
 * domain in its canonical form. So {@code Ann@Example.ORG}, {@code ann@example.org} and {@code
 * ANN@example.org} are one, and so are {@code a@bücher.example} and {@code A@XN--BCHER-KVA.example}.
 * {@link #equals} compares keys, so every set, map and comparison of addresses matches the same way:
 * the suppression list, duplicates, and every command that finds a subscriber by address.
 */
public record EmailAddress(String localPart, String domain) {
    /** Immutable, and costly to build: {@code JMail.strictValidator()} makes a new one on each call. */
    private static final EmailValidator STRICT = JMail.strictValidator();

    /** RFC 5322 dot-atom text (and RFC 6532's non-ASCII characters, which the later checks judge). */
    private static final java.util.regex.Pattern DOT_ATOM = java.util.regex.Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\x{80}-\\x{10FFFF}]+)*");

    public EmailAddress {
        if (localPart.isEmpty() || domain.isEmpty()) {
            throw new IllegalArgumentException("an address needs a local part and a domain");
        }
    }

    /** Parses a bare address ({@code ann@example.org}); ASCII local parts only. */
    public static EmailAddress parse(String text) {
        return parse(text, false);
    }

    /**
     * Parses a bare address. A non-ASCII local part is accepted only with {@code allowUtf8LocalPart}
     * (the relay must then support SMTPUTF8).
     *
     * @throws InvalidAddressException saying why the address is not acceptable
     */
    public static EmailAddress parse(String text, boolean allowUtf8LocalPart) {
        if (text == null || text.isBlank()) {
            throw new InvalidAddressException("the address is empty");
        }
        String address = text.strip();
        int at = Math.max(address.lastIndexOf('@'), 0);
        if (isPlain(address, at)) {
            return new EmailAddress(
                    address.substring(0, at), address.substring(at + 1).toLowerCase(Locale.ROOT));
        }
        return parseInFull(address, allowUtf8LocalPart);
    }

    /**
     * Whether {@code address} is of the plain shape most are, which every check of {@link
     * #parseInFull} accepts as it is: a local part of letters, digits and {@code . _ + -} (no dot
     * first, last or twice), {@code @}, and a domain of at least two labels of letters, digits and
     * inner hyphens, ending in a top-level domain of letters, no label an IDN ({@code xn--}), every
     * length within the limits. Checking that costs a few hundredths of what the full checks do (three
     * parsers, IDN conversion), which a list of a million addresses pays a million times. Anything
     * else, however valid, takes the full path.
     */
    static boolean isPlain(String address, int at) {
        int length = address.length();
        if (at < 1 || at > 64 || length - at - 1 < 4 || length > 254) {
            return false;
        }
        char previous = '.';
        for (int i = 0; i < at; i++) {
            char c = address.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (!(letterOrDigit(c) || c == '_' || c == '+' || c == '-')) {
                return false;
            }
            previous = c;
        }
        if (previous == '.') {
            return false;
        }
        int labelStart = at + 1;
        int labels = 0;
        boolean lettersOnly = true;
        for (int i = labelStart; i <= length; i++) {
            char c = i == length ? '.' : address.charAt(i);
            if (c == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0
                        || labelLength > 63
                        || address.charAt(labelStart) == '-'
                        || address.charAt(i - 1) == '-'
                        || (labelLength >= 4 && address.regionMatches(true, labelStart, "xn--", 0, 4))) {
                    return false;
                }
                labels++;
                if (i < length) {
                    labelStart = i + 1;
                    lettersOnly = true;
                }
            } else if (letterOrDigit(c)) {
                lettersOnly &= c > '9';
            } else if (c != '-') {
                return false;
            } else {
                lettersOnly = false;
            }
        }
        return labels >= 2 && lettersOnly && length - labelStart >= 2;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Every check, for an address {@link #isPlain} does not vouch for (package-private for the test that compares the two). */
    static EmailAddress parseInFull(String address, boolean allowUtf8LocalPart) {
        for (int i = 0; i < address.length(); ) {
            int c = address.codePointAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                refuseUnseen(c);
            }
            i += Character.charCount(c);
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidAddressException(quoted(address) + " is not of the form name@domain");
        }
        String local = address.substring(0, at);
        String bare = dotAtomInQuotes(local);
        if (bare != null) {
            return parse(bare + address.substring(at), allowUtf8LocalPart);
        }
        String domain;
        try {
            domain = asciiDomain(address.substring(at + 1));
        } catch (InvalidAddressException e) {
            throw AddressDiagnosis.of(local, address.substring(at + 1))
                    .map(reason -> invalid(address, reason))
                    .orElse(e);
        }
        boolean asciiLocal = local.chars().allMatch(c -> c < 0x80);
        if (!asciiLocal && !allowUtf8LocalPart) {
            throw new InvalidAddressException(
                    "the local part '" + local + "' is not ASCII; allow SMTPUTF8 addresses in the config to accept it");
        }
        String checked = (asciiLocal ? local : "x") + "@" + domain;
        if (!STRICT.isValid(checked)) {
            throw invalid(
                    address,
                    AddressDiagnosis.of(local, address.substring(at + 1)).orElse(null));
        }
        if (asciiLocal) {
            try {
                new InternetAddress(checked, true).validate();
            } catch (AddressException e) {
                throw new InvalidAddressException(quoted(address) + " is not a valid email address: " + e.getMessage());
            }
        }
        return new EmailAddress(local, domain);
    }

    /**
     * The local part without its quotes when the quotes are not needed: {@code "tomas.berg"} and
     * {@code "tomas\\.berg"} are the mailbox {@code tomas.berg} (RFC 5321 §4.1.2, RFC 5322 §3.4.1: a
     * quoted string and the dot-atom it spells are one local part), so they must match it in the
     * suppression list and the lists, not slip past them as another address. Null when the local part
     * is not quoted or needs its quotes ({@code "a..b"}).
     */
    private static String dotAtomInQuotes(String local) {
        if (local.length() < 3 || local.charAt(0) != '"' || local.charAt(local.length() - 1) != '"') {
            return null;
        }
        StringBuilder bare = new StringBuilder(local.length());
        for (int i = 1; i < local.length() - 1; i++) {
            char c = local.charAt(i);
            if (c == '\\') {
                if (++i == local.length() - 1) {
                    return null;
                }
                c = local.charAt(i);
            }
            bare.append(c);
        }
        return DOT_ATOM.matcher(bare).matches() ? bare.toString() : null;
    }

    /**
     * Refuses a character one cannot see or that no one can type: a control character, a space of any
     * kind, a format character (a byte order mark, a zero-width space, a bidi override, a soft hyphen),
     * a private-use, unassigned or lone surrogate code point. Each makes an address that looks like
     * another and is not the same mailbox, so it would slip past duplicates and the suppression list.
     */
    private static void refuseUnseen(int c) {
        if (c < 0x20 || c == 0x7f) {
            throw new InvalidAddressException("the address contains a control character (CR, LF or similar)");
        }
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            throw new InvalidAddressException(
                    "the address contains a space" + (c == ' ' ? "" : " (" + codePoint(c) + ")"));
        }
        switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT ->
                throw new InvalidAddressException("the address contains an invisible character (" + codePoint(c) + ")");
            case Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE ->
                throw new InvalidAddressException(
                        "the address contains a character that is not a letter, digit or sign (" + codePoint(c) + ")");
            default -> {
                // Visible: the address checks below decide.
            }
        }
    }

    /** The address in quotes for a message; a very long one cut, so the message stays one readable line. */
    private static String quoted(String address) {
        int max = 100;
        if (address.length() <= max) {
            return "'" + address + "'";
        }
        int at = address.lastIndexOf('@');
        String end = at >= 0 && address.length() - at <= max / 2 ? address.substring(at) : "";
        return "'" + address.substring(0, max - end.length()) + "…" + end + "' (" + address.length() + " characters)";
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static InvalidAddressException invalid(String address, String reason) {
        return new InvalidAddressException(
                quoted(address) + " is not a valid email address" + (reason == null ? "" : ": " + reason));
    }

    private static String asciiDomain(String domain) {
        String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        try {
            return IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException("the domain '" + domain + "' is not a valid domain name");
        }
    }

    /**
     * The matching key: the local part case-folded (Unicode NFC, then upper- and lower-cased, so
     * {@code ß} and {@code SS} fold alike), {@code @}, and the canonical domain. For matching and
     * indexing only; never written or sent.
     */
    public String key() {
        return fold(localPart) + "@" + domain;
    }

    /**
     * The {@link #key()} of an address given as its canonical text ({@link #toString()}, as the
     * journal stores it), without parsing it again: the canonical domain is lower-case ASCII, which
     * folding leaves as it is.
     */
    public static String keyOf(String canonical) {
        return fold(canonical);
    }

    private static String fold(String text) {
        boolean ascii = true;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            ascii &= c < 0x80;
            upper |= c >= 'A' && c <= 'Z';
        }
        if (ascii) {
            return upper ? text.toLowerCase(Locale.ROOT) : text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC)
                .toUpperCase(Locale.ROOT)
                .toLowerCase(Locale.ROOT);
    }

    /** Whether {@code other} is the same mailbox: an address with the same {@link #key()}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EmailAddress address && key().equals(address.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    /** Whether {@code other} is spelt exactly as this one (same mailbox or not). */
    public boolean sameSpelling(EmailAddress other) {
        return toString().equals(other.toString());
    }

    /** The domain as people read it (U-label), for display only. */
    public String unicodeDomain() {
        return IDN.toUnicode(domain);
    }

    /** The canonical form: what is written to files, headers and the journal. */
    @Override
    public String toString() {
        return localPart + "@" + domain;
    }
}
