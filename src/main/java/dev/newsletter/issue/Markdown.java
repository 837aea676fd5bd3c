package dev.newsletter.issue;

/** A Markdown text from an issue file, with its HTML rendered once when the issue is read. */
public record Markdown(String source, String html) {}
