package dev.newsletter.config;

/** {@code http:} — the daemon's one-click unsubscribe endpoint. */
public record HttpSettings(Integer port) {}
