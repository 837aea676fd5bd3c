package dev.newsletter.bounce;

/**
 * One line of {@code inbox scan}: one (message, recipient) pair, with the issue and list the
 * original was sent for (null when it is not ours or not found) and what {@code --apply} does. With
 * {@code --apply}, {@code action} is what was done and {@code result} says it in words; in a dry run
 * {@code result} is null.
 */
public record ScanLine(
        String source,
        Kind kind,
        String recipient,
        String status,
        String diagnostic,
        String messageId,
        String issue,
        String list,
        String action,
        String result) {

    /** This line with what {@code --apply} did for it. */
    ScanLine done(String action, String result) {
        return new ScanLine(source, kind, recipient, status, diagnostic, messageId, issue, list, action, result);
    }
}
