package dev.newsletter.config;

import java.time.Duration;

/**
 * {@code bounces:} — when soft bounces suppress an address ({@code inbox scan --apply}).
 *
 * @param softLimit this many soft bounces from distinct issues (default 3) …
 * @param softWindow … within this time (default {@code 30d}) suppress the address with reason {@code soft-bounces}
 */
public record BounceSettings(Integer softLimit, Duration softWindow) {
    public BounceSettings {
        softLimit = softLimit == null ? 3 : softLimit;
        softWindow = softWindow == null ? Duration.ofDays(30) : softWindow;
    }

    public static BounceSettings defaults() {
        return new BounceSettings(null, null);
    }
}
