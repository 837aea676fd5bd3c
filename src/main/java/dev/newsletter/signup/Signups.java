package dev.newsletter.signup;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.config.SignupSettings;
import dev.newsletter.http.EndpointLog;
import dev.newsletter.http.SignupDesk;
import dev.newsletter.subscriber.NewSubscriber;
import dev.newsletter.subscriber.SignupRows;
import dev.newsletter.subscriber.Status;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The double opt-in rules. A signup answers the same page (or 303 to {@code signup.thankYouUrl})
 * whatever happened to the address, so nobody can learn from it who is subscribed: new, pending,
 * active, unsubscribed, bounced, an unknown list, a filled honeypot, or the address's mail quota used
 * up all look alike. Only what the client itself got wrong (no valid address, a value a list cannot
 * hold, too many signups from it) gets another answer.
 *
 * <p>Confirmation links are {@link ConfirmTokens} (the unsubscribe secret, bound to list, address and
 * expiry). Opening one changes nothing; only its button's POST confirms.
 */
public final class Signups implements SignupDesk {
    /** The honeypot: a field people never see (the form hides it), which bots fill in. */
    public static final String HONEYPOT = "website";

    /** Counted keys per limiter, at most, whatever an attacker rotates. */
    static final long MAX_KEYS = 100_000;

    private static final int MAX_FIELD = 1000;

    private final SignupSettings settings;
    private final String newsletterName;
    private final String baseUrl;
    private final boolean allowUtf8LocalPart;
    private final Function<String, SignupRows> lists;
    private final ConfirmTokens tokens;
    private final SignupMail mail;
    private final Clock clock;
    private final EndpointLog log;
    private final RateLimit<String> perClient;
    private final RateLimit<Long> perAddress;

    /**
     * @param lists the rows of a list, by name
     * @param nanoTime the clock of the rate windows
     */
    public Signups(
            Setup setup,
            Function<String, SignupRows> lists,
            ConfirmTokens tokens,
            SignupMail mail,
            Clock clock,
            java.util.function.LongSupplier nanoTime,
            EndpointLog log) {
        this.settings = setup.settings();
        this.newsletterName = setup.newsletterName();
        this.baseUrl = setup.baseUrl().replaceAll("/+$", "");
        this.allowUtf8LocalPart = setup.allowUtf8LocalPart();
        this.lists = lists;
        this.tokens = tokens;
        this.mail = mail;
        this.clock = clock;
        this.log = log;
        this.perClient = new RateLimit<>(settings.perIpPerHour(), Duration.ofHours(1), MAX_KEYS, nanoTime);
        this.perAddress = new RateLimit<>(settings.perAddressPerDay(), Duration.ofDays(1), MAX_KEYS, nanoTime);
    }

    /**
     * What the rules need from the config.
     *
     * @param baseUrl {@code newsletter.baseUrl}; links are {@code <baseUrl>/confirm?t=…}
     * @param allowUtf8LocalPart as {@code subscribers add} (the relay supports SMTPUTF8)
     */
    public record Setup(SignupSettings settings, String newsletterName, String baseUrl, boolean allowUtf8LocalPart) {}

    @Override
    public Answer subscribe(Map<String, String> fields, String client) {
        RateLimit.Verdict fromClient = perClient.acquire(ClientKey.of(client));
        if (fromClient != RateLimit.Verdict.ALLOWED) {
            if (fromClient == RateLimit.Verdict.FIRST_REFUSED) { // once per client and hour: no log flood
                log.warn("signup: refusing signups from " + client + " for the rest of the hour: more than "
                        + settings.perIpPerHour() + " (signup.perIpPerHour)");
            }
            return Answer.page(429, "Too many signups", "Too many signups from your network; please try again later.");
        }
        if (!fields.getOrDefault(HONEYPOT, "").isEmpty()) {
            log.info("signup: ignored a form with the honeypot field filled in (from " + client + ")");
            return thanks();
        }
        String list = fields.getOrDefault("list", "").strip();
        list = list.isEmpty() ? settings.defaultList() : list;
        EmailAddress email;
        try {
            email = EmailAddress.parse(fields.getOrDefault("email", ""), allowUtf8LocalPart);
        } catch (InvalidAddressException e) {
            return Answer.page(400, "Not an email address", "Please check the address: " + e.getMessage() + ".");
        }
        String name = fields.getOrDefault("name", "").strip();
        Map<String, String> extra = new LinkedHashMap<>();
        for (String field : settings.fields()) {
            String value = fields.getOrDefault(field, "").strip();
            if (!value.isEmpty()) {
                extra.put(field, value);
            }
        }
        NewSubscriber subscriber = new NewSubscriber(email.toString(), name, Status.PENDING, List.of(), extra);
        String unfit = unfit(extra).orElse(SignupRows.unfit(subscriber).orElse(null));
        if (unfit != null) {
            return Answer.page(400, "Please check the form", "Please check the form: " + unfit + ".");
        }
        if (!settings.lists().contains(list)) {
            log.info(
                    "signup: ignored a signup of " + email + " to '" + clean(list) + "', which is not in signup.lists");
            return thanks();
        }
        SignupRows.Signup found = lists.apply(list).request(subscriber);
        if (!found.mails()) {
            log.info("signup: " + email + " on " + list + " is " + found.name().toLowerCase(java.util.Locale.ROOT)
                    + "; no confirmation mail");
            return thanks();
        }
        RateLimit.Verdict toAddress = perAddress.acquire(digest(email.key()));
        if (toAddress != RateLimit.Verdict.ALLOWED) {
            if (toAddress == RateLimit.Verdict.FIRST_REFUSED) {
                log.warn("signup: no more confirmation mails to " + email + " today: it had "
                        + settings.perAddressPerDay() + " (signup.perAddressPerDay)");
            }
            return thanks();
        }
        Instant expires = clock.instant().plus(settings.confirmWithin());
        URI link = URI.create(baseUrl + "/confirm?t="
                + URLEncoder.encode(tokens.token(list, email, expires), StandardCharsets.UTF_8));
        log.info("signup: " + email + " on " + list + " (" + found.name().toLowerCase(java.util.Locale.ROOT)
                + "); confirmation mail queued");
        mail.confirmation(list, email, link);
        return thanks();
    }

    @Override
    public Answer confirmPage(String token) {
        ConfirmTokens.Verdict verdict = verify(token);
        if (verdict instanceof ConfirmTokens.Valid valid) {
            return Answer.button(
                    "Confirm your subscription", "Subscribe " + valid.address() + " to " + newsletterName + "?", token);
        }
        return verdict instanceof ConfirmTokens.Expired ? expired() : invalid();
    }

    @Override
    public Answer confirm(String token) {
        ConfirmTokens.Verdict verdict = verify(token);
        if (verdict instanceof ConfirmTokens.Valid valid) {
            return confirmed(valid);
        }
        return verdict instanceof ConfirmTokens.Expired ? expired() : invalid();
    }

    private Answer confirmed(ConfirmTokens.Valid valid) {
        Instant issued = valid.expires().minus(settings.confirmWithin());
        SignupRows.Confirmation done = lists.apply(valid.list()).confirm(valid.address(), issued);
        switch (done) {
            case CONFIRMED -> {
                log.info("signup: confirmed " + valid.address() + " on " + valid.list());
                mail.welcome(valid.list(), valid.address());
            }
            case ALREADY_ACTIVE -> log.info("signup: " + valid.address() + " on " + valid.list() + " confirmed again");
            case GONE -> {
                return Answer.page(
                        400,
                        "Please sign up again",
                        "This signup is no longer waiting for confirmation. Please sign up again.");
            }
            case REFUSED -> {
                log.warn("signup: did not confirm " + valid.address() + " on " + valid.list()
                        + ": it bounced or complained");
                return Answer.page(403, "Cannot confirm", "This address cannot be subscribed.");
            }
        }
        return Answer.page(
                200, "Subscribed", "Thank you! " + valid.address() + " now receives " + newsletterName + ".");
    }

    /** The token's verdict; a genuine token for a list people may no longer join is invalid here. */
    private ConfirmTokens.Verdict verify(String token) {
        ConfirmTokens.Verdict verdict = tokens.verify(token, clock.instant());
        if (verdict instanceof ConfirmTokens.Valid valid && !settings.lists().contains(valid.list())) {
            return new ConfirmTokens.Invalid();
        }
        return verdict;
    }

    private Answer thanks() {
        if (!settings.thankYouUrl().isEmpty()) {
            return Answer.redirect(URI.create(settings.thankYouUrl()));
        }
        return Answer.page(
                200,
                "Almost done",
                "Thank you! If the address can be subscribed, a mail with a confirmation link is on its way."
                        + " Open it to confirm.");
    }

    private static Answer expired() {
        return Answer.page(400, "Link expired", "This confirmation link has expired. Please sign up again.");
    }

    private static Answer invalid() {
        return Answer.page(403, "Link not valid", "This confirmation link is not valid.");
    }

    /** A field that is too long for a list cell, or empty. */
    private static java.util.Optional<String> unfit(Map<String, String> extra) {
        for (Map.Entry<String, String> field : extra.entrySet()) {
            if (field.getValue().length() > MAX_FIELD) {
                return java.util.Optional.of(
                        "the field " + field.getKey() + " is longer than " + MAX_FIELD + " characters");
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * 64 bits of SHA-256 of an address key: every counter key is a small fixed size however long the
     * addresses an attacker makes up (254 characters each would make the same cap cost three times
     * the memory); finding another address with a victim's 64 bits is out of reach.
     */
    private static long digest(String key) {
        try {
            byte[] hash =
                    java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(hash).getLong();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A client's text, safe for one log line. */
    private static String clean(String text) {
        String oneLine = text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", "?");
        return oneLine.length() > 64 ? oneLine.substring(0, 64) + "…" : oneLine;
    }

    @Override
    public boolean trustProxy() {
        return settings.trustProxy();
    }

    @Override
    public void close() {
        mail.close();
    }
}
