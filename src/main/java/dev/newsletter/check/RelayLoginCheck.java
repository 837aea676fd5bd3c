package dev.newsletter.check;

import dev.newsletter.app.Destination;
import dev.newsletter.config.Config;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.ConnectionUnavailableException;
import dev.newsletter.mailing.MailerUnavailableException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code relay-login} (with {@code --online}, relay mode only): connects to the relay as a send
 * would — TLS, and for {@code auth: xoauth2} a token from the endpoint — logs in and quits. A
 * failure says exactly what failed: the token endpoint's error ({@code invalid_client}, missing
 * consent…), the TLS check, or the relay's refusal with the setting to change.
 */
public final class RelayLoginCheck {
    private RelayLoginCheck() {}

    /** The check's result, or empty in capture mode (nothing to log in to). */
    public static Optional<CheckResult> of(Config config, Map<String, String> env, Clock clock, String heloName) {
        SmtpSettings smtp = config.smtp();
        if (smtp.mode() != SmtpSettings.Mode.RELAY) {
            return Optional.empty();
        }
        SmtpEndpoint endpoint;
        try {
            endpoint = Destination.relay(config, env, clock, heloName);
        } catch (InvalidInputException e) {
            return Optional.of(CheckResult.fail(
                    "relay-login", e.problems().stream().map(Problem::message).collect(Collectors.joining("; "))));
        }
        try (SmtpMailer mailer = new SmtpMailer(endpoint)) {
            mailer.login();
            String how = !endpoint.logsIn()
                    ? "connected (no login configured)"
                    : "logged in as " + endpoint.username()
                            + endpoint.xoauth2()
                                    .map(t -> " with an XOAUTH2 token (" + t.describe() + ")")
                                    .orElse("");
            return Optional.of(CheckResult.pass("relay-login", how + " at " + endpoint));
        } catch (MailerUnavailableException e) {
            return Optional.of(CheckResult.fail("relay-login", e.getMessage()));
        } catch (ConnectionUnavailableException e) {
            return Optional.of(CheckResult.fail("relay-login", e.getMessage() + " (try again later?)"));
        }
    }
}
