package dev.newsletter.unsubscribe;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe tokens: {@code base64url(list LF address) "." base64url(HMAC-SHA256)}. A token
 * names its list and address, so one token is all an unsubscribe link needs, and nobody can forge
 * one for another address without the secret.
 *
 * <p>The MAC covers a purpose label, {@code "newsletter-unsubscribe-v1" NUL}, before the payload, so a
 * MAC made with the same secret for anything else is never a valid unsubscribe token. Verification
 * computes the MAC before looking at the claimed one and compares them in constant time
 * ({@link MessageDigest#isEqual}); it accepts only the canonical encoding of a token (no padding, no
 * alternative spellings of the same bytes) and refuses anything longer than {@link #MAX_TOKEN_LENGTH}
 * before decoding it. Tokens do not expire: RFC 8058 links must keep working.
 */
public final class UnsubscribeTokens {
    /** Longer than any token we make (list ≤ 64, address ≤ 254 characters), short enough to refuse junk cheaply. */
    public static final int MAX_TOKEN_LENGTH = 1024;

    private static final byte[] PURPOSE = "newsletter-unsubscribe-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_LENGTH = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param secret at least 16 bytes; copied, so the caller may wipe its array */
    public UnsubscribeTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The token for {@code address} on {@code list}.
     *
     * @throws IllegalArgumentException if the list name is empty or contains a line break or control
     *     character (the payload would be ambiguous)
     */
    public String token(String list, EmailAddress address) {
        if (list.isEmpty() || list.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a list name must be non-empty and free of control characters");
        }
        byte[] payload = (list + "\n" + address).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The list and address a token was made for, if its signature is valid; empty for anything else. */
    public Optional<Subject> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payloadText = token.substring(0, dot);
        String macText = token.substring(dot + 1);
        byte[] payload;
        byte[] claimed;
        try {
            payload = DECODER.decode(payloadText);
            claimed = DECODER.decode(macText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = mac(payload);
        boolean valid = MessageDigest.isEqual(expected, claimed)
                & claimed.length == MAC_LENGTH
                & ENCODER.encodeToString(payload).equals(payloadText)
                & ENCODER.encodeToString(claimed).equals(macText);
        if (!valid) {
            return Optional.empty();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Subject(text.substring(0, newline), EmailAddress.parse(text.substring(newline + 1), true)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        Mac mac = macs.get(); // doFinal leaves it reset, keyed, ready for the next token
        mac.update(PURPOSE);
        return mac.doFinal(payload);
    }

    /** One keyed Mac per thread: keying HMAC (and looking it up) cost more than the MAC itself. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Who a valid token unsubscribes, from which list. */
    public record Subject(String list, EmailAddress address) {}
}
