package dev.newsletter.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code scheduler:} — where Quartz keeps its state and how missed firings are handled.
 *
 * @param passwordEnv the environment variable holding the database password ({@code postgres} only)
 */
public record SchedulerSettings(Store store, String jdbcUrl, Duration misfireGrace, String passwordEnv) {
    public SchedulerSettings {
        store = store == null ? Store.EMBEDDED : store;
        jdbcUrl = jdbcUrl == null ? "" : jdbcUrl;
        misfireGrace = misfireGrace == null ? Duration.ofHours(1) : misfireGrace;
        passwordEnv = passwordEnv == null ? "NEWSLETTER_DB_PASSWORD" : passwordEnv;
    }

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(null, null, null, null);
    }

    public enum Store {
        @JsonProperty("embedded")
        EMBEDDED,
        @JsonProperty("postgres")
        POSTGRES,
        @JsonProperty("memory")
        MEMORY
    }
}
