package dev.newsletter.app;

import dev.newsletter.bounce.ReturnPathTokens;
import dev.newsletter.config.Config;
import dev.newsletter.config.ReturnPathTemplate;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;

/**
 * The HMAC secret that signs unsubscribe tokens, from the environment variable the config names
 * ({@code unsubscribe.secretEnv}); never from a file.
 */
public final class UnsubscribeSecret {
    private UnsubscribeSecret() {}

    /**
     * Tokens for sending. In capture mode a missing secret is replaced by a random one for this run
     * (the links then only look right); a relay send refuses to start without it.
     */
    static UnsubscribeTokens forSending(Config config, Map<String, String> env) {
        return new UnsubscribeTokens(sendingKey(config, env));
    }

    /**
     * The key of a run's Message-IDs ({@link dev.newsletter.mailing.MessageIds}): the secret, so that
     * nobody who knows an address and the list can compute the id of the message it was sent and
     * forge a bounce quoting it. As for links, in capture mode a missing secret is replaced by a
     * random one for this run: nothing leaves the machine, but the ids then change from run to run
     * (a capture send resumed later gives the recipients not yet sent other ids). A relay send
     * refuses to start without it, and so does {@code render}. Preview and check pass a throwaway
     * secret when none is set, so their ids then differ from a real send's; nothing compares them.
     */
    public static byte[] forMessageIds(Config config, Map<String, String> env) {
        return sendingKey(config, env);
    }

    private static byte[] sendingKey(Config config, Map<String, String> env) {
        String secret = env.getOrDefault(config.unsubscribe().secretEnv(), "");
        if (secret.isEmpty() && config.smtp().mode() == SmtpSettings.Mode.CAPTURE) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return random;
        }
        return requiredSecret(config, env, "unsubscribe links are signed and Message-IDs keyed");
    }

    /**
     * The return-path tokens ({@code sending.returnPath}, VERP), signed with the unsubscribe secret;
     * empty without a return path. Sending needs the secret as unsubscribe links do (capture mode
     * without one: a random one for this run); reading bounces needs the real one.
     */
    public static Optional<ReturnPathTokens> returnPath(Config config, Map<String, String> env) {
        Optional<ReturnPathTemplate> template = config.sending().returnPathTemplate();
        if (template.isEmpty()) {
            return Optional.empty();
        }
        String secret = env.getOrDefault(config.unsubscribe().secretEnv(), "");
        if (problem(config, env).isEmpty()) {
            return Optional.of(new ReturnPathTokens(template.get(), secret.getBytes(StandardCharsets.UTF_8)));
        }
        if (config.smtp().mode() == SmtpSettings.Mode.CAPTURE) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            return Optional.of(new ReturnPathTokens(template.get(), random));
        }
        required(config, env, "return-path (VERP) tokens are signed");
        throw new IllegalStateException("unreachable: required() throws when the secret is missing");
    }

    /** Tokens for verifying (the endpoint): the secret must be set, or no link could ever verify. */
    public static UnsubscribeTokens forVerifying(Config config, Map<String, String> env) {
        return required(config, env, "the unsubscribe endpoint verifies links");
    }

    /**
     * Why the configured secret cannot sign links, if it cannot: {@code NAME is not set} or {@code
     * NAME is shorter than 16 characters}. The one place that rule lives; {@code check} reports it.
     */
    public static Optional<String> problem(Config config, Map<String, String> env) {
        String name = config.unsubscribe().secretEnv();
        String secret = env.getOrDefault(name, "");
        if (secret.isEmpty()) {
            return Optional.of(name + " is not set");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < 16) {
            return Optional.of(name + " is shorter than 16 characters");
        }
        return Optional.empty();
    }

    private static UnsubscribeTokens required(Config config, Map<String, String> env, String why) {
        return new UnsubscribeTokens(requiredSecret(config, env, why));
    }

    private static byte[] requiredSecret(Config config, Map<String, String> env, String why) {
        String name = config.unsubscribe().secretEnv();
        Optional<String> problem = problem(config, env);
        if (problem.isPresent()) {
            throw InvalidInputException.of(Problem.inFile(
                    config.file(),
                    why + " with the secret in the environment variable " + name + ", but " + problem.get()
                            + " (e.g. export " + name + "=$(openssl rand -hex 32))"));
        }
        return env.get(name).getBytes(StandardCharsets.UTF_8);
    }
}
