package dev.newsletter.bounce;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.ReturnPathTemplate;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * VERP: the per-recipient envelope sender ({@code sending.returnPath}, e.g. {@code
 * bounces+{token}@pdl.example.org}) and the way back from it. A bounce is sent to the envelope
 * sender, so even one that quotes nothing of the original names, in the address it was sent to,
 * which message it answers.
 *
 * <p>The token is 20 bytes in lower-case base32 (RFC 4648 alphabet, no padding: 32 characters of
 * {@code a-z 2-7}), so a mail server that lower-cases local parts changes nothing:
 *
 * <pre>
 * issue tag (4)   the first bytes of SHA-256(issue id): which var/deliveries/ folder to read
 * id hash   (8)   the hash in our Message-ID {@code <ISSUE.HASH@domain>}: which message of that issue
 * MAC       (8)   HMAC-SHA256(unsubscribe secret, "newsletter-return-path-v1" NUL Message-ID LF recipient)
 * </pre>
 *
 * The Message-ID is itself made of the issue, the list and the recipient, so the MAC binds the token
 * to all three; nobody without the secret can make a token that verifies for another address. A
 * token is only ever trusted after {@link #verifies} has checked its MAC against what the journal
 * says was sent (in constant time). One HMAC per message when sending.
 */
public final class ReturnPathTokens {
    private static final byte[] PURPOSE = "newsletter-return-path-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final int TAG = 4;
    private static final int ID_HASH = 8;
    private static final int MAC = 8;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

    private final ReturnPathTemplate template;
    private final SecretKeySpec key;
    /** Each issue's tag, hashed once (a send has one issue; the sending threads share this). */
    private final java.util.Map<String, Integer> tags = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param secret the unsubscribe secret (at least 16 bytes); copied */
    public ReturnPathTokens(ReturnPathTemplate template, byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the secret must be at least 16 bytes");
        }
        this.template = template;
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public ReturnPathTemplate template() {
        return template;
    }

    /** What a token claims, before it is checked against a journal. */
    public record Claim(int issueTag, String idHash, byte[] mac) {}

    /**
     * The envelope sender for the message {@code messageId} of issue {@code issue} to {@code recipient}.
     *
     * @param messageId our Message-ID ({@code <ISSUE.HASH@domain>})
     */
    public EmailAddress sender(String issue, String messageId, EmailAddress recipient) {
        ByteBuffer token = ByteBuffer.allocate(TAG + ID_HASH + MAC);
        token.putInt(tags.computeIfAbsent(issue, ReturnPathTokens::issueTag));
        token.put(idHash(messageId));
        token.put(mac(messageId, recipient.toString()), 0, MAC);
        return template.address(base32(token.array()));
    }

    /** The first four bytes of SHA-256 of the issue id: the issue a token was made for, without its name. */
    public static int issueTag(String issue) {
        return ByteBuffer.wrap(sha256(issue.getBytes(StandardCharsets.UTF_8))).getInt();
    }

    /** The token in {@code address} (an address our bounces come to), decoded; empty if it holds none. */
    public Optional<Claim> claim(String address) {
        return template.token(address).flatMap(ReturnPathTokens::decode).map(bytes -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            int tag = buffer.getInt();
            byte[] hash = new byte[ID_HASH];
            buffer.get(hash);
            byte[] mac = new byte[MAC];
            buffer.get(mac);
            return new Claim(tag, HexFormat.of().formatHex(hash), mac);
        });
    }

    /** True when {@code claim}'s MAC is the one made for {@code messageId} to {@code recipient}. */
    public boolean verifies(Claim claim, String messageId, String recipient) {
        byte[] expected = Arrays.copyOf(mac(messageId, recipient), MAC);
        return MessageDigest.isEqual(expected, claim.mac());
    }

    /** The 16 hex digits of our Message-ID's hash; for anything else, a hash of the whole id (it then maps to nothing). */
    private static byte[] idHash(String messageId) {
        int at = messageId.lastIndexOf('@');
        int dot = at < 0 ? -1 : messageId.lastIndexOf('.', at);
        if (dot >= 0 && at - dot - 1 == 2 * ID_HASH && isLowerHex(messageId, dot + 1, at)) {
            return HexFormat.of().parseHex(messageId, dot + 1, at);
        }
        return Arrays.copyOf(sha256(messageId.getBytes(StandardCharsets.UTF_8)), ID_HASH);
    }

    private static boolean isLowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private byte[] mac(String messageId, String recipient) {
        Mac mac = macs.get(); // doFinal leaves it reset and keyed
        mac.update(PURPOSE);
        mac.update(messageId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '\n');
        return mac.doFinal(recipient.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** One keyed Mac per thread: keying HMAC costs more than the MAC itself. */
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

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** 20 bytes → 32 characters (160 bits, five per character: no padding). */
    static String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder(bytes.length * 8 / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return text.toString();
    }

    /** The bytes of a token, any case; empty for anything that is not exactly one. */
    static Optional<byte[]> decode(String token) {
        if (token.length() != ReturnPathTemplate.TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = new byte[TAG + ID_HASH + MAC];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (int i = 0; i < token.length(); i++) {
            int value = ALPHABET.indexOf(Character.toLowerCase(token.charAt(i)));
            if (value < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes[at++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return Optional.of(bytes);
    }
}
