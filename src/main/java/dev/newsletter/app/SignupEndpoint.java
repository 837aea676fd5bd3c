package dev.newsletter.app;

import dev.newsletter.config.Config;
import dev.newsletter.config.SignupSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.SignupDesk;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import dev.newsletter.signup.ConfirmTokens;
import dev.newsletter.signup.Signups;
import dev.newsletter.subscriber.SignupRows;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The signup routes of the daemon's HTTP server, when the config has {@code signup:}: the rules
 * ({@link Signups}) over the project's list files, signed with the unsubscribe secret, mailing through
 * a {@link SignupMailer}.
 */
public final class SignupEndpoint {
    private SignupEndpoint() {}

    /**
     * The desk, checked before anything listens: the secret is set, the templates render, the lists
     * have the columns {@code signup.fields} names.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static Optional<SignupDesk> desk(Config config, Map<String, String> env, Clock clock, EndpointLog log) {
        if (config.signup().isEmpty()) {
            return Optional.empty();
        }
        SignupSettings settings = config.signup().get();
        UnsubscribeSecret.forVerifying(config, env); // one clear line when the secret is missing
        byte[] secret = env.get(config.unsubscribe().secretEnv()).getBytes(StandardCharsets.UTF_8);
        checkLists(config, settings, clock, log);
        SignupMailer mailer = SignupMailer.start(config, env, clock, log);
        log.info("signup mails go through " + mailer.description());
        return Optional.of(new Signups(
                new Signups.Setup(
                        settings,
                        config.newsletter().name(),
                        config.newsletter().baseUrl(),
                        config.smtp().smtputf8()),
                list -> rows(config, list, clock),
                new ConfirmTokens(secret),
                mailer,
                clock,
                System::nanoTime,
                log));
    }

    static SignupRows rows(Config config, String list, Clock clock) {
        return SignupRows.of(
                config.listFile(list), config.suppressionFile(), config.smtp().smtputf8(), clock);
    }

    /** Every list has every form field as a column; a missing source or confirmed_at column is only noted. */
    private static void checkLists(Config config, SignupSettings settings, Clock clock, EndpointLog log) {
        Problems problems = new Problems();
        for (String list : settings.lists()) {
            List<String> columns = rows(config, list, clock).columns();
            if (columns.isEmpty()) {
                continue; // started by the first signup, with every column
            }
            for (String field : settings.fields()) {
                if (!columns.contains(field)) {
                    problems.add(Problem.inFile(
                            config.listFile(list),
                            "signup.fields names '" + field + "', but the list has no such column (its columns: "
                                    + String.join(",", columns) + ")"));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String column : List.of(SignupRows.SOURCE, SignupRows.CONFIRMED_AT)) {
                if (!columns.contains(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                log.warn(config.listFile(list) + " has no column " + String.join(" or ", missing)
                        + ": signups are recorded without it (add the column to record how and when people"
                        + " signed up)");
            }
        }
        problems.throwIfAny();
    }
}
