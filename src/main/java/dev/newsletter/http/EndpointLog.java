package dev.newsletter.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the endpoint reports what it did: every unsubscribe, and every request it could not serve.
 * The daemon passes its own log, so these lines appear at its default level.
 */
public interface EndpointLog {
    void info(String message);

    void warn(String message);

    /** Through SLF4J (for tests and callers without a log of their own). */
    static EndpointLog slf4j() {
        Logger log = LoggerFactory.getLogger(UnsubscribeServer.class);
        return new EndpointLog() {
            @Override
            public void info(String message) {
                log.info(message);
            }

            @Override
            public void warn(String message) {
                log.warn(message);
            }
        };
    }
}
