package dev.newsletter.signup;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed confirmation tokens: {@code base64url(list LF address LF expiry) "." base64url(HMAC-SHA256)},
 * the expiry in epoch seconds. A token names its list, its address and when it stops working; nobody
 * can make one for another address, another list or a later expiry without the secret.
 *
 * <p>The MAC covers a purpose label, {@code "newsletter-confirm-v1" NUL}, before the payload, so an
 * unsubscribe token (same secret, another label) is never a confirmation token and the other way
 * round. Verification computes the MAC before looking at the claimed one and compares them in constant
 * time ({@link MessageDigest#isEqual}); only the canonical encoding is accepted, and anything longer
 * than {@link #MAX_TOKEN_LENGTH} is refused before decoding.
 */
public final class ConfirmTokens {
    public static final int MAX_TOKEN_LENGTH = 1024;

    private static final byte[] PURPOSE = "newsletter-confirm-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAC_LENGTH = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    /** @param secret at least 16 bytes (the unsubscribe secret); copied */
    public ConfirmTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The token confirming {@code address} on {@code list}, valid until {@code expires}. */
    public String token(String list, EmailAddress address, Instant expires) {
        if (list.isEmpty() || list.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a list name must be non-empty and free of control characters");
        }
        byte[] payload = (list + "\n" + address + "\n" + expires.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** Why a token is refused, or what it confirms. */
    public sealed interface Verdict permits Valid, Expired, Invalid {}

    /** A genuine, unexpired token for {@code address} on {@code list}. */
    public record Valid(String list, EmailAddress address, Instant expires) implements Verdict {}

    /** A genuine token whose time is over. */
    public record Expired(String list, EmailAddress address) implements Verdict {}

    /** Not one of ours: malformed, forged or altered. */
    public record Invalid() implements Verdict {}

    /** What {@code token} is at {@code now}. */
    public Verdict verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new Invalid();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return new Invalid();
        }
        String payloadText = token.substring(0, dot);
        String macText = token.substring(dot + 1);
        byte[] payload;
        byte[] claimed;
        try {
            payload = DECODER.decode(payloadText);
            claimed = DECODER.decode(macText);
        } catch (IllegalArgumentException e) {
            return new Invalid();
        }
        byte[] expected = mac(payload);
        boolean valid = MessageDigest.isEqual(expected, claimed)
                & claimed.length == MAC_LENGTH
                & ENCODER.encodeToString(payload).equals(payloadText)
                & ENCODER.encodeToString(claimed).equals(macText);
        if (!valid) {
            return new Invalid();
        }
        return parse(new String(payload, StandardCharsets.UTF_8), now);
    }

    private static Verdict parse(String text, Instant now) {
        String[] parts = text.split("\n", -1);
        if (parts.length != 3 || parts[0].isEmpty()) {
            return new Invalid();
        }
        try {
            EmailAddress address = EmailAddress.parse(parts[1], true);
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            return now.isBefore(expires) ? new Valid(parts[0], address, expires) : new Expired(parts[0], address);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Invalid();
        }
    }

    private byte[] mac(byte[] payload) {
        Mac mac = macs.get();
        mac.update(PURPOSE);
        return mac.doFinal(payload);
    }

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
}
