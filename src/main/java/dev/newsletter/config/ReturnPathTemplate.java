package dev.newsletter.config;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code sending.returnPath}, e.g. {@code bounces+{token}@pdl.example.org}: the envelope sender
 * (VERP) with one per-recipient token in its local part. Parsed and checked once, when the config
 * is read: exactly one {@code {token}}, in the local part, and with a token of {@link #TOKEN_LENGTH}
 * characters in place a valid ASCII address whose local part fits in 64 characters (RFC 5321).
 *
 * @param prefix the local part before the token ({@code bounces+})
 * @param suffix the local part after the token (usually empty)
 * @param domain the domain, in ASCII form, lower case
 */
public record ReturnPathTemplate(String prefix, String suffix, String domain) {
    /** The placeholder the template holds once. */
    public static final String PLACEHOLDER = "{token}";

    /** The length of every token: 20 bytes in base32. */
    public static final int TOKEN_LENGTH = 32;

    private static final int MAX_LOCAL_PART = 64;

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException saying what is wrong with it, in one line
     */
    public static ReturnPathTemplate parse(String template) {
        String text = template == null ? "" : template.strip();
        if (text.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new IllegalArgumentException(
                    "sending.returnPath must be a bare address, without spaces or control characters");
        }
        int at = text.indexOf(PLACEHOLDER);
        if (at < 0 || text.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new IllegalArgumentException("sending.returnPath must hold " + PLACEHOLDER
                    + " exactly once, in the local part, e.g. bounces+" + PLACEHOLDER + "@example.org");
        }
        int domainAt = text.lastIndexOf('@');
        if (domainAt > at) {
            int local = domainAt - PLACEHOLDER.length() + TOKEN_LENGTH;
            if (local > MAX_LOCAL_PART) {
                throw new IllegalArgumentException("sending.returnPath's local part is " + local
                        + " characters with the " + TOKEN_LENGTH + "-character token in it; at most "
                        + MAX_LOCAL_PART + " are allowed (RFC 5321)");
            }
        }
        String sample = text.replace(PLACEHOLDER, "a".repeat(TOKEN_LENGTH));
        EmailAddress address;
        try {
            address = EmailAddress.parse(sample);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException(
                    "sending.returnPath is not a valid address with " + PLACEHOLDER + " in it: " + e.getMessage(), e);
        }
        int domainStart = text.lastIndexOf('@');
        if (domainStart < at) {
            throw new IllegalArgumentException("sending.returnPath must hold " + PLACEHOLDER
                    + " in the local part (before the @), e.g. bounces+" + PLACEHOLDER + "@example.org");
        }
        String prefix = text.substring(0, at);
        String suffix = text.substring(at + PLACEHOLDER.length(), domainStart);
        return new ReturnPathTemplate(prefix, suffix, address.domain());
    }

    /** The envelope sender carrying {@code token} (made of the template's checked parts: no parsing here). */
    public EmailAddress address(String token) {
        return new EmailAddress(prefix + token + suffix, domain);
    }

    /**
     * The token in {@code address} when it is this template's address (local part and domain
     * compared case-insensitively: some mail servers lower-case local parts), else empty.
     */
    public Optional<String> token(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.strip().toLowerCase(Locale.ROOT);
        int at = text.lastIndexOf('@');
        if (at < 0 || !text.substring(at + 1).equals(domain)) {
            return Optional.empty();
        }
        String local = text.substring(0, at);
        String start = prefix.toLowerCase(Locale.ROOT);
        String end = suffix.toLowerCase(Locale.ROOT);
        if (local.length() != start.length() + TOKEN_LENGTH + end.length()
                || !local.startsWith(start)
                || !local.endsWith(end)) {
            return Optional.empty();
        }
        return Optional.of(local.substring(start.length(), start.length() + TOKEN_LENGTH));
    }

    @Override
    public String toString() {
        return prefix + PLACEHOLDER + suffix + "@" + domain;
    }
}
