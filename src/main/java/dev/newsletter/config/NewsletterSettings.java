package dev.newsletter.config;

/** {@code newsletter:} — who sends, to which list by default, and where links point. */
public record NewsletterSettings(
        String name, String from, String replyTo, String list, String listId, String baseUrl) {}
