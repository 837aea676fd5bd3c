package dev.newsletter.bounce;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3463 enhanced status codes ({@code 5.1.1}) and SMTP reply codes ({@code 550}) found in free
 * text (failures only: a transcript's {@code 250 2.1.0 Sender ok} is no status). A code right after a reply code ({@code 550 5.1.1}, {@code 550-5.1.1}, {@code #550 5.1.1})
 * wins over one standing alone; version numbers ({@code Exim 4.94.2}) and IP addresses are not
 * codes (the subject is 0–7 and no digit or dot may touch the code). A relay quoting the remote
 * reply in quotes ({@code 550-'5.2.2 …'}) still pairs them.
 */
final class StatusCodes {
    private static final Pattern AFTER_REPLY =
            Pattern.compile("(?<![\\w.])([45]\\d\\d)[ \\-]+['\"]?#?([45]\\.[0-7]\\.\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\w.])#?([245]\\.[0-7]\\.\\d{1,3})(?![\\d]|\\.\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\w.#-])([45][0-5]\\d)(?=[ \\-]|$)", Pattern.MULTILINE);

    private StatusCodes() {}

    /** Where a code was found: the code and the offset of the text that carries it. */
    record Found(String code, int start) {}

    /** The first enhanced status code in {@code text}, preferring one that follows a reply code; null if none. */
    static Found enhanced(CharSequence text) {
        Matcher paired = AFTER_REPLY.matcher(text);
        if (paired.find()) {
            return new Found(normalised(paired.group(2)), paired.start());
        }
        Matcher alone = ENHANCED.matcher(text);
        while (alone.find()) {
            String code = alone.group(1);
            if (!code.startsWith("2")) {
                return new Found(normalised(code), alone.start());
            }
        }
        return null;
    }

    /** The first 4xx or 5xx SMTP reply code in {@code text}; null if none. */
    static Found reply(CharSequence text) {
        Matcher matcher = REPLY.matcher(text);
        return matcher.find() ? new Found(matcher.group(1), matcher.start()) : null;
    }

    /** A status field's code ({@code 5.1.1 (user unknown)}, {@code 5.1.1}), or null when it holds none. */
    static String field(String value) {
        Matcher matcher =
                Pattern.compile("^\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})").matcher(value);
        return matcher.find() ? normalised(matcher.group()) : null;
    }

    /** Leading zeros dropped ({@code 5.01.001} → {@code 5.1.1}). */
    private static String normalised(String code) {
        String[] parts = code.strip().replace("#", "").split("\\.");
        return Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]) + "." + Integer.parseInt(parts[2]);
    }
}
