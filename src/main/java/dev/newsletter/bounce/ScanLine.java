package dev.newsletter.bounce;

/**
 * One line of {@code inbox scan}: one (message, recipient) pair, with the issue and list the
 * original was sent for (null when it is not ours or not found) and what {@code --apply} does.
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
        String action) {}
