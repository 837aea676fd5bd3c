package dev.newsletter.bounce;

/**
 * One thing a message says about one recipient. A message about several recipients gives one
 * finding each; a message about nobody in particular gives one finding with a null recipient.
 *
 * @param kind what it is
 * @param recipient the lowercased address the report is about, or null
 * @param status the RFC 3463 enhanced status code ({@code 5.1.1}), or null
 * @param diagnostic the server's words (one line, at most 500 characters), or null
 * @param messageId the Message-ID of the original message ({@code <…@…>}), or null when not found
 * @param list the list a mailed unsubscribe names (from its signed token), otherwise null
 */
public record Finding(Kind kind, String recipient, String status, String diagnostic, String messageId, String list) {
    static final int MAX_DIAGNOSTIC = 500;

    public Finding {
        if (kind == null) {
            throw new IllegalArgumentException("a finding needs a kind");
        }
        diagnostic = oneLine(diagnostic);
    }

    static Finding of(Kind kind, String recipient, String status, String diagnostic, String messageId) {
        return new Finding(kind, recipient, status, diagnostic, messageId, null);
    }

    static Finding other(String diagnostic, String messageId) {
        return of(Kind.OTHER, null, null, diagnostic, messageId);
    }

    private static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() <= MAX_DIAGNOSTIC ? line : line.substring(0, MAX_DIAGNOSTIC - 1) + "…";
    }
}
