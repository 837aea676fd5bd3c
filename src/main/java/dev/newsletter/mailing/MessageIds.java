package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic Message-IDs on the sender's domain: the same issue, list and recipient always get
 * the same id ({@code <2024-fall.9f86d081884c7d65@pdl.example.org>}), so a resend after a crash is
 * recognisably the same message. Test sends add their run's stamp, so each test is a new message.
 */
public final class MessageIds {
    private final String prefix;
    private final String scope;
    private final String domain;

    private MessageIds(String prefix, String scope, String domain) {
        this.prefix = prefix;
        this.scope = scope;
        this.domain = domain;
    }

    public static MessageIds forList(String issueId, String list, String senderDomain) {
        return new MessageIds(issueId, list, senderDomain);
    }

    public static MessageIds forTest(String issueId, String runStamp, String senderDomain) {
        return new MessageIds(issueId + ".test." + runStamp, "test", senderDomain);
    }

    public String of(EmailAddress recipient) {
        return "<" + prefix + "." + hash(scope + "\n" + recipient) + "@" + domain + ">";
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
