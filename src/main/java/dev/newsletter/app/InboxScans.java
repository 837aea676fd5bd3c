package dev.newsletter.app;

import dev.newsletter.address.Mailbox;
import dev.newsletter.bounce.BounceClassifier;
import dev.newsletter.bounce.InboxApply;
import dev.newsletter.bounce.InboxScan;
import dev.newsletter.bounce.MessageSource;
import dev.newsletter.bounce.ProcessedMessages;
import dev.newsletter.bounce.SentMessages;
import dev.newsletter.bounce.SoftBounces;
import dev.newsletter.bounce.imap.ImapLogin;
import dev.newsletter.bounce.imap.ImapMailbox;
import dev.newsletter.config.Config;
import dev.newsletter.config.InboxSettings;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.MailSessions;
import dev.newsletter.delivery.TrustedCertificates;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.oauth.OAuthTokens;
import dev.newsletter.oauth.TokenException;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Puts an inbox scan together, the same for {@code inbox scan} and the daemon's poll: the classifier,
 * the relay journals that attribute a bounce to its send, the list changes of {@code --apply}, and
 * the configured IMAP mailbox ({@code inbox:}) with its login.
 */
public final class InboxScans {
    private InboxScans() {}

    /** The scan: classify, and attribute through the journals of sends through a relay and return-path tokens. */
    public static InboxScan scan(Config config, Optional<UnsubscribeTokens> tokens, Map<String, String> env) {
        return new InboxScan(
                new BounceClassifier(tokens),
                new SentMessages(
                        // only sends through a relay reach the world, so only their messages come back
                        config.journalsDir(SmtpSettings.Mode.RELAY),
                        Mailbox.parse(config.newsletter().from()).address().domain()),
                // return-path (VERP) tokens are checked with the same secret as unsubscribe tokens
                tokens.isPresent() ? UnsubscribeSecret.returnPath(config, env) : Optional.empty());
    }

    /** What {@code --apply} (and the daemon) does with each message, recorded in {@code var/inbox/processed.jsonl}. */
    public static InboxApply applying(Config config, Clock clock) {
        return new InboxApply(
                new InboxLists(config, clock),
                ProcessedMessages.open(config.processedMessagesFile()),
                new SoftBounces(
                        config.softBouncesFile(),
                        config.bounces().softLimit(),
                        config.bounces().softWindow()),
                clock);
    }

    /** The unsubscribe tokens to check mailed unsubscribes with, or why there are none. */
    public static Optional<UnsubscribeTokens> tokens(Config config, Map<String, String> env) {
        return UnsubscribeSecret.problem(config, env).isPresent()
                ? Optional.empty()
                : Optional.of(UnsubscribeSecret.forVerifying(config, env));
    }

    /**
     * The configured IMAP mailbox: read-only for a dry run, moving each processed message to {@code
     * inbox.doneFolder} when {@code applying}. Nothing connects yet.
     *
     * @throws InvalidInputException when there is no {@code inbox:} section, the password is not in the
     *     environment, or {@code inbox.trustCertificate} or {@code inbox.oauth} cannot be used
     */
    public static MessageSource mailbox(Config config, Map<String, String> env, Clock clock, boolean applying) {
        return mailbox(config, env, clock, applying, () -> false);
    }

    /** {@link #mailbox(Config, Map, Clock, boolean)}, read only until {@code stop} says so (checked before each message). */
    public static MessageSource mailbox(
            Config config, Map<String, String> env, Clock clock, boolean applying, BooleanSupplier stop) {
        InboxSettings inbox = config.inbox()
                .orElseThrow(() -> InvalidInputException.of(Problem.inFile(
                        config.file(),
                        "no inbox: section, so there is no IMAP mailbox to read; add inbox.host, inbox.username"
                                + " and inbox.passwordEnv (see README, 'The return path'), or give --maildir DIR,"
                                + " --mbox FILE or --stdin")));
        MailSessions.useAngusStreamProvider();
        Optional<SSLSocketFactory> trust = Optional.empty();
        if (!inbox.trustCertificate().isEmpty()) {
            try {
                trust = Optional.of(TrustedCertificates.read(config.resolve(Path.of(inbox.trustCertificate())))
                        .sockets());
            } catch (IllegalArgumentException e) {
                throw invalid(config, "inbox.trustCertificate: " + e.getMessage());
            }
        }
        ImapLogin login;
        if (inbox.auth() == SmtpSettings.Auth.XOAUTH2) {
            try {
                login = ImapLogin.withXoauth2(
                        inbox,
                        OAuthTokens.forLogin(
                                "inbox.oauth",
                                inbox.imapOAuth(),
                                inbox.username(),
                                env,
                                config.projectDir(),
                                clock,
                                inbox.timeout()),
                        trust);
            } catch (TokenException e) {
                throw invalid(config, e.getMessage());
            }
        } else {
            String password = env.getOrDefault(inbox.passwordEnv(), "");
            if (password.isEmpty()) {
                throw invalid(
                        config,
                        "the inbox password must be in the environment variable " + inbox.passwordEnv()
                                + " (inbox.passwordEnv), which is not set");
            }
            login = ImapLogin.withPassword(inbox, password, trust);
        }
        return (applying ? ImapMailbox.moving(login) : ImapMailbox.reading(login)).until(stop);
    }

    private static InvalidInputException invalid(Config config, String message) {
        return InvalidInputException.of(Problem.inFile(config.file(), message));
    }
}
