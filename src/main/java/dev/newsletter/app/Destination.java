package dev.newsletter.app;

import dev.newsletter.capture.CaptureServer;
import dev.newsletter.config.Config;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.SmtpEndpoint;
import dev.newsletter.delivery.SmtpMailer;
import dev.newsletter.delivery.TrustedCertificates;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Mailer;
import dev.newsletter.oauth.OAuthTokens;
import dev.newsletter.oauth.TokenException;
import dev.newsletter.oauth.TokenSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where messages go for one run: the configured relay, or (capture mode) an embedded SMTP server
 * on a loopback port that writes each message it receives to an outbox folder. Either way the
 * program talks SMTP through the same {@link SmtpMailer}, which moves each message's bytes as they
 * were composed (and signed).
 */
public final class Destination implements AutoCloseable {
    private final Mailer.Factory mailers;
    private final Optional<CaptureServer> capture;
    private final String description;

    private Destination(Mailer.Factory mailers, Optional<CaptureServer> capture, String description) {
        this.mailers = mailers;
        this.capture = capture;
        this.description = description;
    }

    public static Destination open(Config config, Map<String, String> env, Path captureFolder, String heloName) {
        return open(config, env, Clock.systemUTC(), captureFolder, heloName, reason -> {});
    }

    /**
     * Opens the destination. For a relay, everything that can be checked before the first message is:
     * the password is in the environment, the trusted certificates read, and (XOAUTH2) a first token
     * fetched, so a wrong client secret stops here, before any message, with one line.
     *
     * @param clock decides when access tokens need renewing
     * @param onCaptureFailure told, in one line, when the capture server cannot write a message to
     *     {@code captureFolder} (the disk is full, the folder is read-only): the run should stop
     * @throws InvalidInputException when the relay login cannot even be tried
     */
    public static Destination open(
            Config config,
            Map<String, String> env,
            Clock clock,
            Path captureFolder,
            String heloName,
            Consumer<String> onCaptureFailure) {
        SmtpSettings smtp = config.smtp();
        Duration timeout = Duration.ofSeconds(smtp.timeoutSeconds());
        if (smtp.mode() == SmtpSettings.Mode.CAPTURE) {
            CaptureServer server = CaptureServer.start(captureFolder, smtp.connections(), onCaptureFailure);
            SmtpEndpoint endpoint = SmtpEndpoint.loopback(server.port(), timeout, heloName, smtp.smtputf8());
            return new Destination(
                    SmtpMailer.factory(endpoint),
                    Optional.of(server),
                    "capture mode: embedded SMTP server on 127.0.0.1:" + server.port() + ", messages land in "
                            + captureFolder);
        }
        SmtpEndpoint endpoint = relay(config, env, clock, heloName);
        endpoint.xoauth2().ifPresent(tokens -> firstToken(config, tokens));
        return new Destination(SmtpMailer.factory(endpoint), Optional.empty(), "relay " + endpoint);
    }

    /**
     * The configured relay as an endpoint: where, how, and the login (password from the environment,
     * or XOAUTH2 tokens as {@code smtp.oauth} says); nothing is fetched or connected yet.
     *
     * @throws InvalidInputException for a missing secret or an unusable certificate or key file
     */
    public static SmtpEndpoint relay(Config config, Map<String, String> env, Clock clock, String heloName) {
        SmtpSettings smtp = config.smtp();
        Duration timeout = Duration.ofSeconds(smtp.timeoutSeconds());
        String password = "";
        if (smtp.authenticates() && smtp.auth() == SmtpSettings.Auth.PASSWORD) {
            password = env.getOrDefault(smtp.passwordEnv(), "");
            if (password.isEmpty()) {
                throw InvalidInputException.of(Problem.inFile(
                        config.file(),
                        "smtp.username is set, so the SMTP password must be in the environment variable "
                                + smtp.passwordEnv() + ", which is not set"));
            }
        }
        SmtpEndpoint endpoint = SmtpEndpoint.of(
                        smtp.host(), smtp.port(), smtp.tls(), timeout, heloName, smtp.smtputf8())
                .withPassword(smtp.username(), password);
        if (!smtp.trustCertificate().isEmpty()) {
            try {
                endpoint =
                        endpoint.trusting(TrustedCertificates.read(config.resolve(Path.of(smtp.trustCertificate()))));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of(
                        Problem.inFile(config.file(), "smtp.trustCertificate: " + e.getMessage()));
            }
        }
        if (smtp.auth() == SmtpSettings.Auth.XOAUTH2) {
            try {
                endpoint = endpoint.withXoauth2(OAuthTokens.forLogin(
                        "smtp.oauth", smtp.oauth(), smtp.username(), env, config.projectDir(), clock, timeout));
            } catch (TokenException e) {
                throw InvalidInputException.of(Problem.inFile(config.file(), e.getMessage()));
            }
        }
        return endpoint;
    }

    /** Fetches the run's first token now: a refusal (wrong secret, no consent) stops before any message. */
    private static void firstToken(Config config, TokenSource tokens) {
        try {
            tokens.token();
        } catch (TokenException e) {
            throw InvalidInputException.of(Problem.inFile(config.file(), "smtp.oauth: " + e.getMessage()));
        }
    }

    public Mailer.Factory mailers() {
        return mailers;
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        capture.ifPresent(CaptureServer::close);
    }
}
