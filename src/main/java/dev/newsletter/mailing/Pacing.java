package dev.newsletter.mailing;

import java.util.Map;

/**
 * How fast a run may send, across all its workers.
 *
 * @param perSecond messages per second over all connections (0: unlimited)
 * @param perHour messages in any sliding hour, counting sends before a restart (0: unlimited)
 * @param perDomain messages per second to one recipient domain (and its subdomains)
 */
public record Pacing(double perSecond, double perHour, Map<String, Double> perDomain) {

    public Pacing {
        if (perSecond < 0 || perHour < 0) {
            throw new IllegalArgumentException("rates must be 0 (unlimited) or more");
        }
        perDomain = Map.copyOf(perDomain);
    }

    public static Pacing unlimited() {
        return new Pacing(0, 0, Map.of());
    }
}
