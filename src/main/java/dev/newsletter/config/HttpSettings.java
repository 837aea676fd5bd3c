package dev.newsletter.config;

/**
 * {@code http:} — the daemon's one-click unsubscribe endpoint.
 *
 * @param port the port to listen on
 * @param bind the address to listen on; loopback by default, for a reverse proxy in front
 * @param site {@code true}: also serve the {@code site/} folder under the {@code baseUrl} path
 */
public record HttpSettings(Integer port, String bind, Boolean site) {
    public HttpSettings {
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
        site = site != null && site;
    }

    /** Without the site. */
    public HttpSettings(Integer port, String bind) {
        this(port, bind, false);
    }

    /** Whether the daemon serves {@code site/} too. */
    public boolean servesSite() {
        return site;
    }
}
