package dev.newsletter.delivery;

import dev.newsletter.delivery.DkimKey.DkimAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The DNS TXT record that publishes a DKIM public key at {@code <selector>._domainkey.<domain>}:
 * {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>} (RFC 6376), or {@code k=ed25519; p=<base64
 * of the raw 32-byte key>} (RFC 8463).
 */
public record DkimRecord(DkimAlgorithm algorithm, PublicKey publicKey) {
    /** The 12-byte DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw key follows it. */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };

    /** The DNS name the record lives at. */
    public static String name(String selector, String domain) {
        return selector + "._domainkey." + domain;
    }

    /** The record's text, e.g. {@code v=DKIM1; k=rsa; p=MIIBIjANBg...}. */
    public String text() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p="
                + Base64.getEncoder().encodeToString(keyBytes());
    }

    /**
     * The text split into quoted strings of at most 255 characters, as zone files and most DNS panels
     * want a long TXT record: {@code "v=DKIM1; k=rsa; p=MIIB..." "...IDAQAB"}.
     */
    public String zoneText() {
        String text = text();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            parts.add('"' + text.substring(i, Math.min(text.length(), i + 255)) + '"');
        }
        return String.join(" ", parts);
    }

    private byte[] keyBytes() {
        byte[] spki = publicKey.getEncoded();
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            return spki;
        }
        return Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
    }

    /**
     * Parses a record's text (the strings of a TXT record joined).
     *
     * @throws IllegalArgumentException saying what is wrong with it (no key, revoked key, unknown type)
     */
    public static DkimRecord parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.put(
                        part.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).replaceAll("\\s+", ""));
            }
        }
        if (tags.containsKey("v") && !tags.get("v").equals("DKIM1")) {
            throw new IllegalArgumentException("the record's v= is '" + tags.get("v") + "', not DKIM1");
        }
        String p = tags.get("p");
        if (p == null) {
            throw new IllegalArgumentException("the record has no p= (public key) tag");
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("the record's key is revoked (empty p=)");
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        try {
            byte[] key = Base64.getDecoder().decode(p);
            if (k.equals("rsa")) {
                return new DkimRecord(
                        DkimAlgorithm.RSA_SHA256,
                        KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key)));
            }
            if (k.equals("ed25519")) {
                byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + key.length);
                System.arraycopy(key, 0, spki, ED25519_SPKI_PREFIX.length, key.length);
                return new DkimRecord(
                        DkimAlgorithm.ED25519_SHA256,
                        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the record's p= is not a valid " + k + " public key");
        }
        throw new IllegalArgumentException("the record's key type k=" + k + " is not rsa or ed25519");
    }
}
