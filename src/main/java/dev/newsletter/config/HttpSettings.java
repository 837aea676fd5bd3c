package dev.newsletter.config;

/**
 * {@code http:} — the daemon's one-click unsubscribe endpoint.
 *
 * @param port the port to listen on
 * @param bind the address to listen on; loopback by default, for a reverse proxy in front
 */
public record HttpSettings(Integer port, String bind) {
    public HttpSettings {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
    }
}
