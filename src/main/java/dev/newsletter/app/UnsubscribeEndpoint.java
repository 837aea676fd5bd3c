package dev.newsletter.app;

import dev.newsletter.config.Config;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.subscriber.ListEditor;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the one-click unsubscribe endpoint for a project: tokens are verified with the configured
 * secret, and a verified request unsubscribes through the subscriber-file code (status updated in
 * the list and the address appended to the suppression list, atomically, under the list's lock).
 */
public final class UnsubscribeEndpoint {
    private UnsubscribeEndpoint() {}

    public static UnsubscribeServer start(Config config, HttpSettings http, Map<String, String> env, Clock clock) {
        return UnsubscribeServer.start(
                http.bind(),
                http.port(),
                UnsubscribeSecret.forVerifying(config, env),
                (list, address, reason) -> ListEditor.of(
                                config.listFile(list),
                                config.suppressionFile(),
                                config.smtp().smtputf8(),
                                clock,
                                () -> {})
                        .unsubscribe(address.toString(), reason)
                        .changed(),
                config.newsletter().name());
    }
}
