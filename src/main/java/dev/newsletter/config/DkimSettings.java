package dev.newsletter.config;

/** {@code dkim:} — optional; absent means messages are not signed by the program. */
public record DkimSettings(String domain, String selector, String privateKey) {}
