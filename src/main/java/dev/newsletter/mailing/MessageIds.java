package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic, keyed Message-IDs on the sender's domain: the same issue, list, recipient and key
 * always give the same id ({@code <2024-fall.9f86d081884c7d65@pdl.example.org>}), so a resend after a
 * crash is recognisably the same message. Test sends add their run's stamp, so each test is a new
 * message.
 *
 * <p>The 16 hex digits are the first 8 bytes of {@code HMAC-SHA256(key, "newsletter-message-id-v1"
 * NUL scope LF recipient)}, the key being the unsubscribe secret. Keyed because a bounce or complaint
 * that quotes one of our ids is taken as our evidence about the address the journal sent it to: were
 * the id a plain hash of the list and the address (the scheme is public), anyone who knows both could
 * compute it and mail a forged report to get a reader suppressed. The purpose label keeps these MACs
 * apart from the unsubscribe and return-path ones made with the same secret.
 */
public final class MessageIds {
    private static final byte[] PURPOSE = "newsletter-message-id-v1\0".getBytes(StandardCharsets.US_ASCII);

    private final String prefix;
    private final String scope;
    private final String domain;
    private final SecretKeySpec key;
    /** One keyed Mac per thread (the sending threads share this): keying HMAC costs more than the MAC. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private MessageIds(String prefix, String scope, String domain, byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the Message-ID key must be at least 16 bytes");
        }
        this.prefix = prefix;
        this.scope = scope;
        this.domain = domain;
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * The ids of an issue's messages to a list.
     *
     * @param key the unsubscribe secret (at least 16 bytes); copied
     */
    public static MessageIds forList(String issueId, String list, String senderDomain, byte[] key) {
        return new MessageIds(issueId, list, senderDomain, key);
    }

    /**
     * The ids of one test send, stamped {@code runStamp}.
     *
     * @param key the unsubscribe secret (at least 16 bytes); copied
     */
    public static MessageIds forTest(String issueId, String runStamp, String senderDomain, byte[] key) {
        return new MessageIds(issueId + ".test." + runStamp, "test", senderDomain, key);
    }

    public String of(EmailAddress recipient) {
        return "<" + prefix + "." + hash(scope + "\n" + recipient) + "@" + domain + ">";
    }

    private String hash(String text) {
        Mac mac = macs.get(); // doFinal leaves it reset and keyed
        mac.update(PURPOSE);
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }

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
