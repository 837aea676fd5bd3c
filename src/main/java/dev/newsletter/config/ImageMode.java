package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code images:} — how messages show the pictures (files next to the issue). The web page
 * always links them.
 */
public enum ImageMode {
    /** By absolute URL under {@code newsletter.baseUrl}, where {@code publish} copies them (the default). */
    @JsonProperty("link")
    LINK,
    /** As inline parts of every message ({@code multipart/related}, {@code cid:} URLs). */
    @JsonProperty("embed")
    EMBED
}
