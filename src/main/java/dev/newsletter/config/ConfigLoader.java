package dev.newsletter.config;

import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.address.Mailbox;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code config/newsletter.yaml} and validates it up front: every problem is reported at once,
 * each with file, line and column, before anything connects anywhere.
 */
public final class ConfigLoader {
    /** List names become file names: keep them to a safe alphabet. */
    public static final Pattern LIST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ConfigLoader() {}

    /**
     * Loads the config at {@code file}. The project folder is the parent of the folder holding the
     * file ({@code /x/config/newsletter.yaml} → {@code /x}).
     */
    public static Config load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        YamlFile<ConfigFile> yaml = YamlFile.read(absolute, ConfigFile.class);
        ConfigFile raw = yaml.value();
        Problems problems = yaml.problems();

        NewsletterSettings newsletter = raw.newsletter();
        if (newsletter == null) {
            problems.add(yaml.at("", "missing required section 'newsletter'"));
        } else {
            checkNewsletter(yaml, newsletter, problems);
        }
        SmtpSettings smtp = raw.smtp() == null ? SmtpSettings.defaults() : raw.smtp();
        checkSmtp(yaml, smtp, problems);
        SendingSettings sending = raw.sending() == null ? SendingSettings.defaults() : raw.sending();
        checkSending(yaml, sending, problems);
        UnsubscribeSettings unsubscribe =
                raw.unsubscribe() == null ? UnsubscribeSettings.defaults() : raw.unsubscribe();
        checkEnvName(yaml, "/unsubscribe/secretEnv", unsubscribe.secretEnv(), problems);
        if (!unsubscribe.mailto().isEmpty()) {
            checkAddress(yaml, "/unsubscribe/mailto", unsubscribe.mailto(), problems);
        }
        if (raw.dkim() != null) {
            checkDkim(yaml, raw.dkim(), problems);
        }
        if (raw.http() != null
                && (raw.http().port() == null
                        || (raw.http().port() != 0 && !validPort(raw.http().port())))) {
            problems.add(yaml.at("/http/port", "http.port must be a port number from 1 to 65535 (0: any free port)"));
        }
        SchedulerSettings scheduler = raw.scheduler() == null ? SchedulerSettings.defaults() : raw.scheduler();
        checkScheduler(yaml, scheduler, problems);
        List<ScheduleSettings> schedules = raw.schedules() == null ? List.of() : List.copyOf(raw.schedules());
        checkSchedules(yaml, schedules, problems);
        CheckSettings check = raw.check() == null ? CheckSettings.defaults() : raw.check();
        if (!(check.spamThreshold() >= 0 && check.spamThreshold() < 1000)) {
            problems.add(
                    yaml.at("/check/spamThreshold", "check.spamThreshold must be a score from 0 to 999 (default 5.0)"));
        }
        BounceSettings bounces = raw.bounces() == null ? BounceSettings.defaults() : raw.bounces();
        if (bounces.softLimit() < 1 || bounces.softLimit() > 1000) {
            problems.add(yaml.at(
                    "/bounces/softLimit",
                    "bounces.softLimit must be a number of soft bounces from 1 to 1000 (default 3)"));
        }
        if (bounces.softWindow().isNegative()
                || bounces.softWindow().isZero()
                || bounces.softWindow().compareTo(Duration.ofDays(3650)) > 0) {
            problems.add(yaml.at(
                    "/bounces/softWindow",
                    "bounces.softWindow must be a time from 1s to 3650d, like 30d (default 30d)"));
        }
        if (raw.signup() != null) {
            SignupChecks.check(yaml, raw.signup(), problems);
        }
        if (raw.inbox() != null) {
            checkInbox(yaml, raw.inbox(), problems);
        }

        problems.throwIfAny();
        Path projectDir = projectDirOf(absolute);
        return new Config(
                projectDir,
                absolute,
                newsletter,
                smtp,
                sending,
                Optional.ofNullable(raw.dkim()),
                unsubscribe,
                Optional.ofNullable(raw.http()),
                scheduler,
                schedules,
                check,
                bounces,
                Optional.ofNullable(raw.signup()),
                Optional.ofNullable(raw.inbox()),
                raw.images() == null ? ImageMode.LINK : raw.images());
    }

    /** The project folder of a config file: the folder that holds the config's folder. */
    public static Path projectDirOf(Path configFile) {
        Path folder = configFile.getParent();
        Path parent = folder == null ? null : folder.getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    private static void checkNewsletter(YamlFile<?> yaml, NewsletterSettings n, Problems problems) {
        require(yaml, "/newsletter/name", n.name(), problems);
        if (require(yaml, "/newsletter/from", n.from(), problems)) {
            checkAddress(yaml, "/newsletter/from", n.from(), problems);
        }
        if (n.replyTo() != null && !n.replyTo().isBlank()) {
            checkAddress(yaml, "/newsletter/replyTo", n.replyTo(), problems);
        }
        if (require(yaml, "/newsletter/list", n.list(), problems)
                && !LIST_NAME.matcher(n.list()).matches()) {
            problems.add(yaml.at(
                    "/newsletter/list", "list name '" + n.list() + "' may only use letters, digits, '.', '_' and '-'"));
        }
        if (require(yaml, "/newsletter/listId", n.listId(), problems)
                && !n.listId().matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            problems.add(yaml.at("/newsletter/listId", "listId must look like a domain name, e.g. packet.example.org"));
        }
        if (require(yaml, "/newsletter/baseUrl", n.baseUrl(), problems) && !isHttpUrl(n.baseUrl())) {
            problems.add(yaml.at("/newsletter/baseUrl", "baseUrl must be an absolute http(s) URL"));
        } else if (n.baseUrl() != null
                && (n.baseUrl().contains("?") || n.baseUrl().contains("#"))) {
            problems.add(
                    yaml.at(
                            "/newsletter/baseUrl",
                            "baseUrl must not have a query or fragment: the unsubscribe and web-version paths are appended to it"));
        }
    }

    private static void checkSmtp(YamlFile<?> yaml, SmtpSettings smtp, Problems problems) {
        if (smtp.mode() == SmtpSettings.Mode.RELAY && smtp.host().isBlank()) {
            problems.add(yaml.at("/smtp/host", "smtp.host is required in relay mode"));
        }
        if (smtp.host().chars().anyMatch(c -> c <= ' ')) {
            problems.add(yaml.at("/smtp/host", "smtp.host must not contain spaces or control characters"));
        }
        if (!validPort(smtp.port())) {
            problems.add(yaml.at("/smtp/port", "smtp.port must be a port number from 1 to 65535"));
        }
        if (smtp.connections() < 1 || smtp.connections() > 100) {
            problems.add(yaml.at("/smtp/connections", "smtp.connections must be from 1 to 100"));
        }
        if (smtp.timeoutSeconds() < 1 || smtp.timeoutSeconds() > 3600) {
            problems.add(yaml.at("/smtp/timeoutSeconds", "smtp.timeoutSeconds must be from 1 to 3600"));
        }
        checkEnvName(yaml, "/smtp/passwordEnv", smtp.passwordEnv(), problems);
        if (smtp.username().chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            problems.add(yaml.at("/smtp/username", "smtp.username must not contain control characters"));
        }
        if (smtp.mode() != SmtpSettings.Mode.RELAY) {
            return;
        }
        if (smtp.tls() == SmtpSettings.Tls.NONE && smtp.authenticates() && !smtp.loopbackHost()) {
            problems.add(yaml.at(
                    "/smtp/tls",
                    "smtp.tls is none, so the "
                            + (smtp.auth() == SmtpSettings.Auth.XOAUTH2 ? "access token" : "password")
                            + " for " + smtp.username() + " would cross the network in clear text to " + smtp.host()
                            + ": use starttls-required (port 587) or tls (port 465); tls none with a login is only"
                            + " allowed to this machine (localhost, 127.0.0.1, ::1)"));
        }
        if (smtp.auth() == SmtpSettings.Auth.XOAUTH2) {
            if (!smtp.authenticates()) {
                problems.add(yaml.at(
                        "/smtp/username", "smtp.auth is xoauth2: smtp.username must name the mailbox to log in as"));
            }
            if (smtp.oauth() == null) {
                problems.add(yaml.at(
                        "/smtp/auth",
                        "smtp.auth is xoauth2 but there is no smtp.oauth section saying how to get a token"));
            } else {
                checkOAuth(yaml, "/smtp/oauth", smtp.oauth(), problems);
            }
        } else if (smtp.oauth() != null) {
            problems.add(yaml.at("/smtp/oauth", "smtp.oauth is only used with smtp.auth: xoauth2"));
        }
    }

    /**
     * Checks an {@code oauth:} section at {@code at} (e.g. {@code /smtp/oauth}); every connection
     * that logs in with XOAUTH2 has one.
     */
    static void checkOAuth(YamlFile<?> yaml, String at, OAuthSettings oauth, Problems problems) {
        String key = at.substring(1).replace('/', '.');
        if (oauth.grant() == null) {
            problems.add(yaml.at(
                    at, "missing required key '" + key + ".grant' (client-credentials, refresh-token or jwt-bearer)"));
            return;
        }
        if (oauth.provider() == OAuthSettings.Provider.MICROSOFT365
                && oauth.tenant().isEmpty()
                && oauth.tokenUrl().isEmpty()) {
            problems.add(yaml.at(
                    at,
                    key + ".provider is microsoft365: add " + key
                            + ".tenant (the directory (tenant) id of the app registration)"));
        } else if (oauth.effectiveTokenUrl().isEmpty() && oauth.grant() != OAuthSettings.Grant.JWT_BEARER) {
            problems.add(yaml.at(at, "missing required key '" + key + ".tokenUrl' (or set " + key + ".provider)"));
        } else if (!oauth.effectiveTokenUrl().isEmpty() && !OAuthSettings.safeTokenUrl(oauth.effectiveTokenUrl())) {
            problems.add(yaml.at(
                    at + "/tokenUrl",
                    key + ".tokenUrl must be an https URL (plain http only to this machine, for tests)"));
        }
        if (!oauth.tenant().isEmpty() && !oauth.tenant().matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            problems.add(yaml.at(
                    at + "/tenant", key + ".tenant must be a tenant id or domain, e.g. contoso.onmicrosoft.com"));
        }
        if (oauth.effectiveScope().isEmpty()) {
            problems.add(yaml.at(at, "missing required key '" + key + ".scope' (or set " + key + ".provider)"));
        } else if (oauth.effectiveScope().chars().anyMatch(c -> c < ' ')) {
            problems.add(yaml.at(at + "/scope", key + ".scope must not contain control characters"));
        }
        switch (oauth.grant()) {
            case CLIENT_CREDENTIALS, REFRESH_TOKEN -> {
                require(yaml, at + "/clientId", oauth.clientId(), problems);
                checkEnvName(yaml, at + "/clientSecretEnv", oauth.clientSecretEnv(), problems);
                if (oauth.grant() == OAuthSettings.Grant.REFRESH_TOKEN) {
                    checkEnvName(yaml, at + "/refreshTokenEnv", oauth.refreshTokenEnv(), problems);
                }
            }
            case JWT_BEARER -> require(yaml, at + "/serviceAccountKey", oauth.serviceAccountKey(), problems);
        }
    }

    /** {@code inbox:}, the IMAP mailbox the return mail arrives in: read over TLS, with a login. */
    private static void checkInbox(YamlFile<?> yaml, InboxSettings inbox, Problems problems) {
        if (require(yaml, "/inbox/host", inbox.host(), problems)
                && inbox.host().chars().anyMatch(c -> c <= ' ')) {
            problems.add(yaml.at("/inbox/host", "inbox.host must not contain spaces or control characters"));
        }
        if (!validPort(inbox.port())) {
            problems.add(yaml.at("/inbox/port", "inbox.port must be a port number from 1 to 65535"));
        }
        if (inbox.tls() == InboxSettings.Tls.NONE
                && !inbox.host().isEmpty()
                && !SmtpSettings.isLoopback(inbox.host())) {
            problems.add(yaml.at(
                    "/inbox/tls",
                    "inbox.tls is none, so the mailbox's login and every bounce would cross the network in clear text"
                            + " to " + inbox.host() + ": use tls (IMAPS, port 993) or starttls-required (port 143);"
                            + " tls none is only allowed to this machine (localhost, 127.0.0.1, ::1)"));
        }
        if (require(yaml, "/inbox/username", inbox.username(), problems)
                && inbox.username().chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
            problems.add(yaml.at("/inbox/username", "inbox.username must not contain control characters"));
        }
        checkEnvName(yaml, "/inbox/passwordEnv", inbox.passwordEnv(), problems);
        for (String key : List.of("folder", "doneFolder")) {
            String name = key.equals("folder") ? inbox.folder() : inbox.doneFolder();
            if (name.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
                problems.add(yaml.at("/inbox/" + key, "inbox." + key + " must not contain control characters"));
            }
        }
        if (inbox.folder().equalsIgnoreCase(inbox.doneFolder())) {
            problems.add(yaml.at(
                    "/inbox/doneFolder",
                    "inbox.doneFolder must differ from inbox.folder (" + inbox.folder()
                            + "): processed messages are moved out of the folder that is read"));
        }
        if (inbox.interval().compareTo(Duration.ofSeconds(10)) < 0
                || inbox.interval().compareTo(Duration.ofDays(1)) > 0) {
            problems.add(yaml.at("/inbox/interval", "inbox.interval must be from 10s to 1d, like 5m (default 5m)"));
        }
        if (inbox.timeoutSeconds() < 1 || inbox.timeoutSeconds() > 3600) {
            problems.add(yaml.at("/inbox/timeoutSeconds", "inbox.timeoutSeconds must be from 1 to 3600"));
        }
        if (inbox.auth() == SmtpSettings.Auth.XOAUTH2) {
            if (inbox.oauth() == null) {
                problems.add(yaml.at(
                        "/inbox/auth",
                        "inbox.auth is xoauth2 but there is no inbox.oauth section saying how to get a token"));
            } else {
                checkOAuth(yaml, "/inbox/oauth", inbox.imapOAuth(), problems);
            }
        } else if (inbox.oauth() != null) {
            problems.add(yaml.at("/inbox/oauth", "inbox.oauth is only used with inbox.auth: xoauth2"));
        }
    }

    private static void checkSending(YamlFile<?> yaml, SendingSettings sending, Problems problems) {
        if (sending.ratePerSecond() < 0) {
            problems.add(yaml.at("/sending/ratePerSecond", "sending.ratePerSecond must be 0 (unlimited) or more"));
        }
        if (sending.ratePerHour() < 0) {
            problems.add(yaml.at("/sending/ratePerHour", "sending.ratePerHour must be 0 (unlimited) or more"));
        }
        if (sending.retry().attempts() < 1) {
            problems.add(yaml.at("/sending/retry/attempts", "sending.retry.attempts must be 1 or more"));
        }
        if (sending.retry().maxBackoff().compareTo(sending.retry().initialBackoff()) < 0) {
            problems.add(yaml.at(
                    "/sending/retry/maxBackoff", "sending.retry.maxBackoff must not be shorter than initialBackoff"));
        }
        if (sending.maxErrors() < 1) {
            problems.add(yaml.at("/sending/maxErrors", "sending.maxErrors must be 1 or more"));
        }
        if (!sending.returnPath().isEmpty()) {
            try {
                ReturnPathTemplate.parse(sending.returnPath());
            } catch (IllegalArgumentException e) {
                problems.add(yaml.at("/sending/returnPath", e.getMessage()));
            }
        }
        for (Map.Entry<String, Rate> entry : sending.perDomain().entrySet()) {
            if (entry.getValue().perSecond() <= 0) {
                problems.add(yaml.at("/sending/perDomain/" + entry.getKey(), "a per-domain rate must be above 0"));
            }
        }
    }

    private static void checkDkim(YamlFile<?> yaml, DkimSettings dkim, Problems problems) {
        if (require(yaml, "/dkim/domain", dkim.domain(), problems)
                && !dkim.domain()
                        .matches(
                                "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+")) {
            problems.add(yaml.at("/dkim/domain", "dkim.domain must be a domain name in ASCII form, e.g. example.org"));
        }
        if (require(yaml, "/dkim/selector", dkim.selector(), problems)
                && !dkim.selector().matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
            problems.add(yaml.at("/dkim/selector", "dkim.selector may only use letters, digits, '.', '_' and '-'"));
        }
        require(yaml, "/dkim/privateKey", dkim.privateKey(), problems);
        if (dkim.passphraseEnv() != null && !dkim.passphraseEnv().isEmpty()) {
            checkEnvName(yaml, "/dkim/passphraseEnv", dkim.passphraseEnv(), problems);
        }
    }

    private static void checkScheduler(YamlFile<?> yaml, SchedulerSettings scheduler, Problems problems) {
        checkEnvName(yaml, "/scheduler/passwordEnv", scheduler.passwordEnv(), problems);
        String url = scheduler.jdbcUrl();
        if (scheduler.store() != SchedulerSettings.Store.POSTGRES) {
            return;
        }
        if (url.isBlank()) {
            problems.add(yaml.at("/scheduler", "scheduler.store is postgres but scheduler.jdbcUrl is empty"));
        } else if (!url.startsWith("jdbc:postgresql:")) {
            problems.add(
                    yaml.at(
                            "/scheduler/jdbcUrl",
                            "scheduler.jdbcUrl must be a PostgreSQL JDBC URL, e.g. jdbc:postgresql://db.example.org/newsletter?user=newsletter"));
        } else if (url.matches("(?i).*[?&]password=.*")) {
            problems.add(yaml.at(
                    "/scheduler/jdbcUrl",
                    "no passwords in the config: put it in the environment variable " + scheduler.passwordEnv()
                            + " (scheduler.passwordEnv)"));
        } else if (!url.matches("(?i).*[?&]user=[^&]+.*")) {
            problems.add(
                    yaml.at(
                            "/scheduler/jdbcUrl",
                            "scheduler.jdbcUrl must name the database user, e.g. jdbc:postgresql://db.example.org/newsletter?user=newsletter"));
        }
    }

    private static void checkSchedules(YamlFile<?> yaml, List<ScheduleSettings> schedules, Problems problems) {
        for (int i = 0; i < schedules.size(); i++) {
            ScheduleSettings s = schedules.get(i);
            String at = "/schedules/" + i;
            require(yaml, at + "/issue", s.issue(), problems);
            require(yaml, at + "/cron", s.cron(), problems);
            if (s.list() != null && !LIST_NAME.matcher(s.list()).matches()) {
                problems.add(yaml.at(at + "/list", "list name '" + s.list() + "' is not valid"));
            }
            checkSegment(yaml, at, s, problems);
            if (s.timeZone() != null) {
                try {
                    ZoneId.of(s.timeZone());
                } catch (DateTimeException e) {
                    problems.add(yaml.at(at + "/timeZone", "unknown time zone '" + s.timeZone() + "'"));
                }
            }
        }
    }

    /**
     * A schedule's {@code tags} and {@code where}, as {@code send --tag} and {@code --where} take
     * them: a tag is not empty and holds no {@code ;} (which separates tags in a list file); a field
     * name is not empty; nothing holds a control character. Whether the list has the field is known
     * only from the list, so the daemon's start-up try of each schedule says it.
     */
    private static void checkSegment(YamlFile<?> yaml, String at, ScheduleSettings s, Problems problems) {
        for (int t = 0; t < s.tags().size(); t++) {
            String tag = s.tags().get(t);
            if (tag == null || tag.isBlank() || tag.contains(";") || tag.chars().anyMatch(Character::isISOControl)) {
                problems.add(yaml.at(
                        at + "/tags/" + t,
                        "'" + tag + "' is not a tag (not empty, no ';', which separates tags, no control characters)"));
            }
        }
        for (Map.Entry<String, String> entry : s.where().entrySet()) {
            String field = entry.getKey();
            String value = entry.getValue();
            String pointer = at + "/where/" + field.replace("~", "~0").replace("/", "~1");
            if (field.isBlank() || field.chars().anyMatch(Character::isISOControl)) {
                problems.add(yaml.at(pointer, "'" + field + "' is not a column name"));
            } else if (value == null || value.chars().anyMatch(Character::isISOControl)) {
                problems.add(yaml.at(pointer, "schedules[].where." + field.strip() + " needs a value (text)"));
            }
        }
    }

    private static boolean require(YamlFile<?> yaml, String pointer, String value, Problems problems) {
        if (value == null || value.isBlank()) {
            String key = pointer.substring(1).replace('/', '.');
            problems.add(yaml.at(pointer, "missing required key '" + key + "'"));
            return false;
        }
        return true;
    }

    private static void checkAddress(YamlFile<?> yaml, String pointer, String value, Problems problems) {
        try {
            Mailbox.parse(value);
        } catch (InvalidAddressException e) {
            problems.add(yaml.at(pointer, e.getMessage()));
        }
    }

    private static void checkEnvName(YamlFile<?> yaml, String pointer, String value, Problems problems) {
        if (!ENV_NAME.matcher(value).matches()) {
            problems.add(yaml.at(
                    pointer, "'" + value + "' is not an environment variable name (secrets are never written here)"));
        }
    }

    private static boolean validPort(Integer port) {
        return port != null && port >= 1 && port <= 65535;
    }

    static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute()
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** For callers that want a single located problem in the config file. */
    public static InvalidInputException problem(Config config, String message) {
        return InvalidInputException.of(Problem.inFile(config.file(), message));
    }
}
