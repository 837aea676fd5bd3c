package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.config.Config;
import dev.newsletter.config.HttpSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.HttpLimits;
import dev.newsletter.http.SiteFolder;
import dev.newsletter.http.UnsubscribeServer;
import dev.newsletter.http.Unsubscriber;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.subscriber.ListEditor;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * Starts the one-click unsubscribe endpoint for a project: tokens are verified with the configured
 * secret, and a verified request unsubscribes through the subscriber-file code.
 */
public final class UnsubscribeEndpoint {
    private UnsubscribeEndpoint() {}

    /**
     * Starts the endpoint.
     *
     * @throws dev.newsletter.http.EndpointUnavailableException if it cannot listen (the port is in use)
     */
    public static UnsubscribeServer start(
            Config config, HttpSettings http, Map<String, String> env, Clock clock, EndpointLog log) {
        if (http.servesSite()) {
            log.info("serving " + config.projectDir().resolve("site") + " under "
                    + java.net.URI.create(config.newsletter().baseUrl()).getPath() + "/ (http.site)");
        }
        return UnsubscribeServer.start(
                new UnsubscribeServer.Options(
                        http.bind(),
                        http.port(),
                        config.newsletter().name(),
                        HttpLimits.defaults(),
                        log,
                        http.servesSite()
                                ? new SiteFolder(
                                        config.projectDir().resolve("site"), // where publish writes
                                        java.net
                                                .URI
                                                .create(config.newsletter().baseUrl())
                                                .getPath())
                                : null),
                UnsubscribeSecret.forVerifying(config, env),
                recorder(config, clock, log),
                SignupEndpoint.desk(config, env, clock, log));
    }

    /** What a verified unsubscribe does, for the endpoint and for the mailed unsubscribes {@code inbox scan --apply} reads. */
    static Unsubscriber recorder(Config config, Clock clock, EndpointLog log) {
        return new Recorder(config, clock, log);
    }

    /**
     * An unsubscribe, recorded in two steps, each atomic under its file's lock: first the address
     * goes into the suppression list, which is what keeps mail from being sent and does not depend
     * on the list file; then the list's row is marked unsubscribed. When the second step cannot be
     * done (the list has an invalid row, or is gone), the unsubscribe still stands and the log says
     * so; the list's status is fixed by the next 'subscribers unsubscribe' or by hand.
     */
    private static final class Recorder implements Unsubscriber {
        private final Config config;
        private final Clock clock;
        private final EndpointLog log;

        Recorder(Config config, Clock clock, EndpointLog log) {
            this.config = config;
            this.clock = clock;
            this.log = log;
        }

        @Override
        public boolean unsubscribe(String list, EmailAddress address, String how) {
            String reason = how.equals("page") ? "unsubscribe page" : how;
            ListEditor editor = ListEditor.of(
                    config.listFile(list),
                    config.suppressionFile(),
                    config.smtp().smtputf8(),
                    clock,
                    () -> {});
            boolean suppressed = editor.suppress(address.toString(), reason).changed();
            try {
                return editor.unsubscribe(address.toString(), reason).changed() || suppressed;
            } catch (InvalidInputException | UncheckedIOException e) {
                log.warn(address + " is suppressed, but its row in " + config.listFile(list) + " was not marked"
                        + " unsubscribed: " + e.getMessage().lines().findFirst().orElse("")
                        + " (fix the list, then run './newsletter subscribers unsubscribe " + address + " --list "
                        + list + "')");
                return suppressed;
            }
        }
    }
}
