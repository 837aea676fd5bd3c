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
 * one for another address without the secret. Verification compares in constant time.
 */
public final class UnsubscribeTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public UnsubscribeTokens(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the unsubscribe secret must be at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String token(String list, EmailAddress address) {
        byte[] payload = (list + "\n" + address).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The list and address a token was made for, if its signature is valid. */
    public Optional<Subject> verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String text = new String(payload, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline <= 0) {
                return Optional.empty();
            }
            return Optional.of(
                    new Subject(text.substring(0, newline), EmailAddress.parse(text.substring(newline + 1), true)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Who a valid token unsubscribes, from which list. */
    public record Subject(String list, EmailAddress address) {}
}
