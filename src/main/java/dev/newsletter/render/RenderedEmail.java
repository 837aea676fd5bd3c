package dev.newsletter.render;

/** One subscriber's issue, rendered: the subject line and both bodies. */
public record RenderedEmail(String subject, String html, String text) {}
