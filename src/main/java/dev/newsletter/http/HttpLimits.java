package dev.newsletter.http;

import java.time.Duration;

/**
 * What the endpoint allows one client and all of them together. The endpoint faces the internet
 * (mail providers POST to it), so every wait has an end and every size a cap:
 *
 * @param idleTimeout a connection silent this long is closed, whatever it was doing
 * @param headerTimeout the request line and headers must have arrived this long after connecting
 *     (a client that trickles one byte at a time is not idle, but is closed here)
 * @param bodyTimeout the body must have arrived this long after the headers (then 408)
 * @param maxBodyBytes a larger body is refused with 413 (a one-click POST is about 30 bytes)
 * @param maxConnectionsPerClient open connections from one client address; more are closed at once
 * @param maxConnections open connections in all; while at the cap, no new one is accepted
 * @param workers threads that record unsubscribes (file locks and writes); idle connections and
 *     slow uploads hold none of them (nor any of Jetty's), only a socket
 * @param maxQueued unsubscribes waiting for a worker; beyond, 503
 */
public record HttpLimits(
        Duration idleTimeout,
        Duration headerTimeout,
        Duration bodyTimeout,
        int maxBodyBytes,
        int maxConnectionsPerClient,
        int maxConnections,
        int workers,
        int maxQueued) {

    /** The daemon's limits. */
    public static HttpLimits defaults() {
        return new HttpLimits(
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(10), 16 * 1024, 16, 1000, 16, 200);
    }

    /** These limits with other timeouts (tests use long ones to show nothing waits for them). */
    public HttpLimits withTimeouts(Duration idle, Duration header, Duration body) {
        return new HttpLimits(
                idle, header, body, maxBodyBytes, maxConnectionsPerClient, maxConnections, workers, maxQueued);
    }

    /** These limits with another per-client connection cap. */
    public HttpLimits withMaxConnectionsPerClient(int perClient) {
        return new HttpLimits(
                idleTimeout, headerTimeout, bodyTimeout, maxBodyBytes, perClient, maxConnections, workers, maxQueued);
    }

    /** These limits with another worker pool. */
    public HttpLimits withWorkers(int threads, int queued) {
        return new HttpLimits(
                idleTimeout,
                headerTimeout,
                bodyTimeout,
                maxBodyBytes,
                maxConnectionsPerClient,
                maxConnections,
                threads,
                queued);
    }
}
