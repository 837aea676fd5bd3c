package dev.newsletter.address;

import com.sanctionco.jmail.EmailValidator;
import com.sanctionco.jmail.JMail;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.util.Locale;

/**
 * A validated email address in its canonical form: the local part as written, the domain in lower
 * case and in ASCII (IDN A-label) form. Two addresses are the same subscriber when their canonical
 * forms are equal, so {@code Ann@Example.ORG} and {@code Ann@example.org} are one, and so are
 * {@code a@bücher.example} and {@code a@xn--bcher-kva.example}.
 */
public record EmailAddress(String localPart, String domain) {
    /** Immutable, and costly to build: {@code JMail.strictValidator()} makes a new one on each call. */
    private static final EmailValidator STRICT = JMail.strictValidator();

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
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidAddressException("the address contains a control character (CR, LF or similar)");
            }
            if (Character.isWhitespace(c)) {
                throw new InvalidAddressException("the address contains a space");
            }
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidAddressException("'" + address + "' is not of the form name@domain");
        }
        String local = address.substring(0, at);
        String domain = asciiDomain(address.substring(at + 1));
        boolean asciiLocal = local.chars().allMatch(c -> c < 0x80);
        if (!asciiLocal && !allowUtf8LocalPart) {
            throw new InvalidAddressException(
                    "the local part '" + local + "' is not ASCII; allow SMTPUTF8 addresses in the config to accept it");
        }
        String checked = (asciiLocal ? local : "x") + "@" + domain;
        if (!STRICT.isValid(checked)) {
            throw new InvalidAddressException("'" + address + "' is not a valid email address");
        }
        if (asciiLocal) {
            try {
                new InternetAddress(checked, true).validate();
            } catch (AddressException e) {
                throw new InvalidAddressException("'" + address + "' is not a valid email address: " + e.getMessage());
            }
        }
        return new EmailAddress(local, domain);
    }

    private static String asciiDomain(String domain) {
        String trimmed = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        try {
            return IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException("the domain '" + domain + "' is not a valid domain name");
        }
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
