package dev.newsletter.check;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.InvalidAddressException;
import dev.newsletter.address.Mailbox;
import dev.newsletter.app.IssueComposer;
import dev.newsletter.app.ListCensus;
import dev.newsletter.app.Project;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.DkimConfig;
import dev.newsletter.delivery.DkimSigner;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.mailing.Letter;
import dev.newsletter.render.HtmlSummary;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.text.Plural;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-send check behind {@code ./newsletter check}, and behind the {@link SendGate} that {@code
 * send} and every scheduled firing pass (a failure refuses the send, unless {@code --force}). It reads the list, renders the issue
 * for a real subscriber and for one with every field empty, builds the message exactly as it would
 * be sent (signed, when DKIM is configured), and checks what receivers and clients care about. Only
 * a failure blocks a send; what the relay may do for us (DKIM) or what needs the network (do links
 * answer, is the DKIM key in DNS) is a warning when absent or not checked.
 *
 * <p>Checks, in order: {@code list}, {@code templates}, {@code headers}, {@code list-headers}, {@code unsubscribe},
 * {@code text-part}, {@code size}, {@code links}, {@code links-online}, {@code images}, {@code html},
 * {@code dkim}, {@code dkim-alignment}, {@code dmarc} (online), {@code subject}, {@code preheader},
 * {@code spam} (with {@code spam}), {@code bounces} and {@code unsubscribe-mailto} (relay mode: does anything
 * read the return mail). docs/deliverability.md explains each.
 */
public final class PreSendCheck {
    /** Gmail clips a message above about 102 KB; we stay under 100 KiB. */
    public static final int MAX_BYTES = 100 * 1024;

    static final int WARN_BYTES = 80 * 1024;

    /** SpamAssassin loads its rules on every run: seconds on a quiet machine, more on a busy one. */
    private static final Duration SPAM_TIMEOUT = Duration.ofMinutes(2);

    private final Map<String, String> env;
    private final Clock clock;
    private final LinkProbe probe;
    private final DnsTxt dns;
    private final SpamScorer spam;

    public PreSendCheck(Map<String, String> env, Clock clock, LinkProbe probe, DnsTxt dns) {
        this(env, clock, probe, dns, SpamAssassin.onPath(env.get("PATH"), SPAM_TIMEOUT));
    }

    public PreSendCheck(Map<String, String> env, Clock clock, LinkProbe probe, DnsTxt dns, SpamScorer spam) {
        this.env = env;
        this.clock = clock;
        this.probe = probe;
        this.dns = dns;
        this.spam = spam;
    }

    /** With real HTTP and DNS (used only with {@code online}). */
    public static PreSendCheck standard(Map<String, String> env, Clock clock, Duration timeout) {
        LinkProbe http = links -> new HttpLinkProbe(timeout).probe(links); // no HTTP client unless asked
        return new PreSendCheck(env, clock, http, DnsTxt.system());
    }

    public CheckReport run(Project project, CheckOptions options) {
        String list = project.list(options.list());
        List<CheckResult> results = new ArrayList<>();
        Subscriber who = checkList(project, list, options, results);
        String subject = "\"" + project.issue().subject() + "\" for list " + list;
        // the composer signs with the key, so it is read first; a key that cannot be used is
        // reported after the templates, where the report has always had it
        List<CheckResult> keyProblems = new ArrayList<>();
        Optional<DkimSigner> signer = signer(project, keyProblems);
        Optional<Rendered> rendered = render(project, list, who, signer, results);
        results.addAll(keyProblems);
        Optional<Letter> letter = rendered.map(Rendered::letter);
        if (letter.isPresent()) {
            // the HTML part parsed once, for the unsubscribe link and the HTML checks
            HtmlSummary html = HtmlSummary.of(letter.get().content().html());
            Optional<RawMessage> message = build(rendered.get(), results);
            if (message.isPresent()) {
                RecipientHeaders.check(project, list, letter.get(), results);
                MessageChecks.unsubscribe(project, list, letter.get(), html, message.get(), env, results);
                MessageChecks.textPart(letter.get(), results);
                MessageChecks.size(
                        letter.get(), message.get(), rendered.get().composer().enclosedBytes(), results);
            }
            if (options.spam() && message.isPresent()) {
                SpamCheck.spam(message.get(), project.config().check().spamThreshold(), spam, results);
            }
            HtmlChecks.links(html, results);
            HtmlChecks.linksOnline(
                    html, letter.get(), options.online() ? Optional.of(probe) : Optional.empty(), results);
            HtmlChecks.images(html, embeddedContentIds(project), results);
            HtmlChecks.html(html, results);
        }
        DkimChecks.dkim(project, signer, options.online() ? Optional.of(dns) : Optional.empty(), results);
        if (options.online()) {
            DmarcChecks.dmarc(project, dns, results);
            RelayLoginCheck.of(project.config(), env, clock, project.senderDomain())
                    .ifPresent(results::add);
        }
        MessageChecks.subject(project.issue().subject(), results);
        MessageChecks.preheader(project.issue().preheader(), results);
        WebVersionCheck.check(project, results);
        ReturnMailChecks.check(project.config(), project.config().hasInbox(), results);
        ImageSizeCheck.check(project.issue(), results);
        AttachmentSizeCheck.check(project.issue(), results);
        return new CheckReport(subject, results);
    }

    /** The list's counts and bad rows with their lines ({@link Project#census}); returns who to render for. */
    private Subscriber checkList(Project project, String list, CheckOptions options, List<CheckResult> results) {
        ListCensus census = project.census(list);
        List<String> problems = new ArrayList<>();
        census.unreadable().ifPresent(e -> e.problems().forEach(p -> problems.add(p.toString())));
        census.unsafeNames().forEach(p -> problems.add(p.toString()));
        String tally = String.format(
                        "%s, %d suppressed, %d unsubscribed, %d bounced, %d pending",
                        Plural.count(census.recipients(), "active subscriber", "active subscribers"),
                        census.suppressed(),
                        census.count(Status.UNSUBSCRIBED),
                        census.count(Status.BOUNCED),
                        census.count(Status.PENDING))
                + (census.count(Status.COMPLAINED) > 0 ? ", " + census.count(Status.COMPLAINED) + " complained" : "");
        if (!problems.isEmpty()) {
            results.add(CheckResult.fail(
                            "list",
                            census.file().getFileName() + " has problems; nothing can be sent until they are fixed")
                    .with(problems));
        } else if (census.recipients() == 0) {
            results.add(CheckResult.warn("list", tally + ": nobody to send to"));
        } else {
            results.add(CheckResult.pass("list", tally));
        }
        if (options.subscriber().isPresent() && census.unreadable().isEmpty()) {
            EmailAddress wanted = wanted(options.subscriber().get());
            return project.subscriber(list, wanted)
                    .orElseThrow(() ->
                            InvalidInputException.of(Problem.inFile(census.file(), wanted + " is not on this list")));
        }
        return census.first()
                .orElseGet(() -> Subscriber.adHoc(
                        Mailbox.parse(project.config().newsletter().from()).address()));
    }

    private static EmailAddress wanted(String text) {
        try {
            return EmailAddress.parse(text, true);
        } catch (InvalidAddressException e) {
            throw InvalidInputException.of(Problem.inFile(java.nio.file.Path.of("--subscriber"), e.getMessage()));
        }
    }

    /** Renders for the subscriber and for a twin with every field empty (to reach the other branch of each "if empty"). */
    private Optional<Rendered> render(
            Project project, String list, Subscriber who, Optional<DkimSigner> signer, List<CheckResult> results) {
        Map<String, String> blanks = new LinkedHashMap<>();
        who.attributes().keySet().forEach(key -> blanks.put(key, ""));
        Subscriber blank = new Subscriber(who.email(), "", Status.ACTIVE, "", List.of(), blanks, 0);
        try {
            Map<String, String> renderEnv = renderEnv(project);
            IssueComposer composer = project.composer(
                    list,
                    project.messageIds(list, renderEnv), // a throwaway key without a secret: nothing compares ids
                    "",
                    renderEnv,
                    clock,
                    signer);
            Letter letter = composer.letter(who);
            composer.letter(blank);
            results.add(CheckResult.pass(
                    "templates",
                    "every variable resolves (rendered for " + who.email()
                            + " and for a subscriber with empty fields)"));
            return Optional.of(new Rendered(composer, letter));
        } catch (InvalidInputException e) {
            results.add(CheckResult.fail("templates", "the issue does not render")
                    .with(e.problems().stream().map(Problem::toString).toList()));
        } catch (RuntimeException e) {
            results.add(CheckResult.fail("templates", "the issue does not render: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** The environment for rendering: a throwaway unsubscribe secret when none (or a bad one) is set; the unsubscribe check reports it. */
    private Map<String, String> renderEnv(Project project) {
        String name = project.config().unsubscribe().secretEnv();
        String secret = env.getOrDefault(name, "");
        if (secret.getBytes(StandardCharsets.UTF_8).length >= 16) {
            return env;
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, HexFormat.of().formatHex(random));
        return copy;
    }

    private Optional<DkimSigner> signer(Project project, List<CheckResult> results) {
        try {
            return DkimConfig.signer(project.config(), env);
        } catch (InvalidInputException e) {
            results.add(CheckResult.fail("dkim", "the DKIM key cannot be used")
                    .with(e.problems().stream().map(Problem::toString).toList()));
            return Optional.empty();
        }
    }

    /** The Content-IDs of the pictures every message carries ({@code images: embed}), for their {@code cid:} URLs. */
    private static java.util.Set<String> embeddedContentIds(Project project) {
        if (project.config().images() != dev.newsletter.config.ImageMode.EMBED) {
            return java.util.Set.of();
        }
        return project.issue().images().stream()
                .map(dev.newsletter.issue.Image::contentId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The letter for the sample subscriber, and the composer that builds (and signs) it as a send would. */
    private record Rendered(IssueComposer composer, Letter letter) {}

    private static Optional<RawMessage> build(Rendered rendered, List<CheckResult> results) {
        try {
            RawMessage message =
                    RawMessage.of(rendered.composer().message(rendered.letter()).bytes());
            MessageChecks.headers(rendered.letter(), message, results);
            return Optional.of(message);
        } catch (IllegalArgumentException | IllegalStateException e) {
            results.add(CheckResult.fail("headers", "the message cannot be built: " + e.getMessage()));
            return Optional.empty();
        }
    }

    static boolean relay(Project project) {
        return project.config().smtp().mode() == SmtpSettings.Mode.RELAY;
    }
}
