package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.config.ImageMode;
import dev.newsletter.config.SmtpSettings;
import dev.newsletter.delivery.DkimConfig;
import dev.newsletter.delivery.DkimSigner;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.issue.WebPage;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.Recipients;
import dev.newsletter.render.IssueRenderer;
import dev.newsletter.render.Pictures;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.subscriber.SubscriberFile;
import dev.newsletter.subscriber.SuppressionList;
import dev.newsletter.unsubscribe.UnsubscribeLinks;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A project folder loaded for one command: the validated config, one issue, and the renderer.
 * Everything here is checked before any connection is opened.
 */
public final class Project {
    private final Config config;
    private final Issue issue;
    private final IssueRenderer renderer;
    private final IssueRenderer.PreparedIssue prepared;
    private final Mailbox from;
    private SuppressionList suppression;
    private final Map<String, ListCensus> censuses = new java.util.concurrent.ConcurrentHashMap<>();

    private Project(Config config, Issue issue, IssueRenderer renderer) {
        this.config = config;
        this.issue = issue;
        this.renderer = renderer;
        this.from = Mailbox.parse(config.newsletter().from());
        this.prepared = renderer.prepare(
                issue,
                new IssueRenderer.Sender(
                        from.displayName().isEmpty() ? config.newsletter().name() : from.displayName(),
                        from.address().toString(),
                        config.newsletter().listId()),
                config.images() == ImageMode.EMBED
                        ? Pictures.embedded(config.newsletter().baseUrl())
                        : Pictures.linked(config.newsletter().baseUrl()));
    }

    /** Loads the config and the issue; an issue path is taken as given (relative: to the working folder). */
    public static Project load(Config config, Path issueFile) {
        IssueRenderer renderer = new IssueRenderer(config.templatesDir()); // sets its engine up while the issue is read
        Issue issue = new IssueReader().read(issueFile.toAbsolutePath().normalize());
        return new Project(config, issue, renderer);
    }

    /**
     * Loads the config and the issue to render a message or two (the preview): every message through
     * Thymeleaf, without the stencils a send prepares to render thousands faster. The bytes are the same.
     */
    public static Project loadForFewMessages(Config config, Path issueFile) {
        Issue issue = new IssueReader().read(issueFile.toAbsolutePath().normalize());
        return new Project(config, issue, IssueRenderer.plain(config.templatesDir()));
    }

    public Config config() {
        return config;
    }

    public Issue issue() {
        return issue;
    }

    /** The list a command works on ({@link #list(Config, String)}). */
    public String list(String option) {
        return list(config, option);
    }

    /**
     * The list a command works on: the one named by {@code --list} (or a schedule), else the
     * config's {@code newsletter.list}; refused unless it is a list name, so that no name reaches a
     * path outside {@code subscribers/}.
     *
     * @throws InvalidInputException for a name that is not a list name
     */
    public static String list(Config config, String option) {
        String list = option == null ? config.newsletter().list() : option;
        if (!ConfigLoader.LIST_NAME.matcher(list).matches()) {
            throw InvalidInputException.of(Problem.inFile(
                    config.file(), "--list '" + list + "' is not a list name (letters, digits, '.', '_' and '-')"));
        }
        return list;
    }

    /**
     * The journal of this issue's sends to {@code list}: {@code var/deliveries/<issue>/<list>.jsonl}
     * for sends through a relay, {@code var/capture/<issue>/<list>.jsonl} for capture mode, so that
     * trying the program out in capture mode never makes a real send skip anyone.
     */
    public Path journalFile(String list) {
        return journalFile(list, config.smtp().mode());
    }

    /** The journal of this issue's sends to {@code list} in the given mode (not necessarily the configured one). */
    public Path journalFile(String list, SmtpSettings.Mode mode) {
        return journalsFolder(mode).resolve(issue.id()).resolve(list + ".jsonl");
    }

    /**
     * The journal of this issue's test sends: {@code _test.jsonl} beside the lists' journals. A list
     * name starts with a letter or digit, so no list can share it.
     */
    public Path testJournalFile() {
        return journalsFolder().resolve(issue.id()).resolve("_test.jsonl");
    }

    /** Where the journals of the configured mode live (the hourly quota counts the sends in all of them). */
    public Path journalsFolder() {
        return journalsFolder(config.smtp().mode());
    }

    private Path journalsFolder(SmtpSettings.Mode mode) {
        return config.journalsDir(mode);
    }

    /**
     * The project's lock file, outside {@code var/}: a send holds a byte of it (besides the lock next
     * to its journal), so deleting {@code var/} during a send does not let a second one start.
     */
    public Path sendLockFile() {
        return config.projectDir().resolve(".newsletter.lock");
    }

    public Path outbox() {
        return config.outboxDir().resolve(issue.id());
    }

    public String senderDomain() {
        return from.address().domain();
    }

    /**
     * The list read once per project (a project is loaded per command or firing), so the pre-send
     * check and the send that follows it share one pass over a big list.
     */
    public ListCensus census(String list) {
        return censuses.computeIfAbsent(list, name -> {
            SubscriberFile file = listFile(name);
            try {
                return ListCensus.of(file, suppressionList());
            } catch (InvalidInputException e) {
                return ListCensus.unreadable(file.path(), e); // the suppression list itself is bad
            }
        });
    }

    /**
     * The list validated (every bad line is reported before anything is sent) and counted
     * ({@link #census}); the returned recipients stream it again.
     *
     * @throws InvalidInputException when the list cannot be read
     */
    public CheckedRecipients recipients(String list) {
        SuppressionList.refuseAsList(config.listFile(list), config.suppressionFile());
        ListCensus census = census(list);
        if (census.unreadable().isPresent()) {
            throw census.unreadable().get();
        }
        SubscriberFile file = listFile(list);
        SuppressionList suppressed = suppressionList();
        Recipients active = action -> file.forEachRecipient(suppressed, action);
        return new CheckedRecipients(active, census.recipients(), census.suppressed(), census.first());
    }

    /**
     * The recipients of the list that {@code selected} picks (a segment, a merge), validated and
     * counted like {@link #recipients(String)}: status and suppression apply to them exactly as to
     * the whole list.
     *
     * @throws InvalidInputException when the list cannot be read
     */
    public CheckedRecipients recipients(String list, Predicate<Subscriber> selected) {
        recipients(list);
        SubscriberFile file = listFile(list);
        SuppressionList suppressed = suppressionList();
        long[] counts = {0, 0};
        Subscriber[] first = {null};
        file.forEach(s -> {
            if (s.status() == Status.ACTIVE && selected.test(s)) {
                if (suppressed.contains(s.email())) {
                    counts[1]++;
                } else {
                    counts[0]++;
                    if (first[0] == null) {
                        first[0] = s;
                    }
                }
            }
        });
        Recipients chosen = action -> file.forEachRecipient(suppressed, s -> {
            if (selected.test(s)) {
                action.accept(s);
            }
        });
        return new CheckedRecipients(chosen, counts[0], counts[1], Optional.ofNullable(first[0]));
    }

    /**
     * How many recipients of the list a send would mail now: the active, unsuppressed ones neither
     * its journal nor another list's journal of the issue has as accepted or rejected yet. Reads the journal without locking it.
     */
    public long stillToSend(String list) {
        java.util.function.Predicate<String> done = OtherListsJournal.done(journalFile(list), list);
        long[] count = {0};
        recipients(list).recipients().forEach(subscriber -> {
            if (!done.test(subscriber.email().toString())) {
                count[0]++;
            }
        });
        return count[0];
    }

    /** The suppression list, read once per project (the census and the send both need it). */
    private synchronized SuppressionList suppressionList() {
        if (suppression == null) {
            suppression = SuppressionList.load(config.suppressionFile());
        }
        return suppression;
    }

    /** Finds one subscriber of a list by address. */
    public Optional<Subscriber> subscriber(String list, EmailAddress email) {
        return first(list, s -> s.email().equals(email));
    }

    /** The list's first active subscriber (suppressed or not), to render a preview for. */
    public Optional<Subscriber> firstActive(String list) {
        return first(list, s -> s.status() == Status.ACTIVE);
    }

    private Optional<Subscriber> first(String list, Predicate<Subscriber> wanted) {
        Subscriber[] found = {null};
        listFile(list).forEach(s -> {
            if (found[0] == null && wanted.test(s)) {
                found[0] = s;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    SubscriberFile listFile(String list) {
        return SubscriberFile.of(config.listFile(list), config.smtp().smtputf8());
    }

    /**
     * The issue's public web page, at {@link WebPage#url}: rendered for nobody (no name, address,
     * token or unsubscribe link), with a subscribe link instead.
     */
    public String webPage() {
        return renderer.renderWeb(prepared, WebPage.url(config.newsletter().baseUrl(), issue), subscribeLink());
    }

    /** Until a signup form exists: a mail to the editor (reply-to, else the sender) asking to subscribe. */
    private String subscribeLink() {
        String replyTo = config.newsletter().replyTo();
        EmailAddress editor = replyTo == null || replyTo.isBlank()
                ? from.address()
                : Mailbox.parse(replyTo).address();
        return "mailto:" + editor + "?subject=subscribe";
    }

    /**
     * The Message-IDs of this issue's messages to {@code list}, keyed with the unsubscribe secret
     * ({@link UnsubscribeSecret#forMessageIds}: a random key in capture mode without one).
     *
     * @throws InvalidInputException in relay mode without a usable secret
     */
    public MessageIds messageIds(String list, Map<String, String> env) {
        return MessageIds.forList(issue.id(), list, senderDomain(), UnsubscribeSecret.forMessageIds(config, env));
    }

    /** The Message-IDs of a test send stamped {@code stamp}, keyed as {@link #messageIds} are. */
    public MessageIds testMessageIds(String stamp, Map<String, String> env) {
        return MessageIds.forTest(issue.id(), stamp, senderDomain(), UnsubscribeSecret.forMessageIds(config, env));
    }

    /**
     * The composer for one run: renders for each subscriber, adds headers and signed links, builds
     * the message and signs it with DKIM when the config has a {@code dkim:} section.
     *
     * @throws InvalidInputException when the unsubscribe secret or the DKIM key cannot be used
     */
    public IssueComposer composer(
            String list, MessageIds messageIds, String subjectPrefix, Map<String, String> env, Clock clock) {
        return composer(list, messageIds, subjectPrefix, env, clock, DkimConfig.signer(config, env));
    }

    /** The composer for one run, signing with {@code signer} (none: unsigned) whatever the config says. */
    public IssueComposer composer(
            String list,
            MessageIds messageIds,
            String subjectPrefix,
            Map<String, String> env,
            Clock clock,
            Optional<DkimSigner> signer) {
        UnsubscribeTokens tokens = UnsubscribeSecret.forSending(config, env);
        Optional<EmailAddress> mailto = config.unsubscribe().mailto().isEmpty()
                ? Optional.empty()
                : Optional.of(Mailbox.parse(config.unsubscribe().mailto()).address());
        UnsubscribeLinks links = new UnsubscribeLinks(config.newsletter().baseUrl(), list, tokens, mailto);
        Optional<EmailAddress> replyTo = config.newsletter().replyTo() == null
                        || config.newsletter().replyTo().isBlank()
                ? Optional.empty()
                : Optional.of(Mailbox.parse(config.newsletter().replyTo()).address());
        IssueComposer.Identity identity = new IssueComposer.Identity(
                from,
                replyTo,
                config.newsletter().name() + " <" + config.newsletter().listId() + ">",
                WebPage.url(config.newsletter().baseUrl(), issue));
        return new IssueComposer(
                renderer,
                prepared,
                identity,
                links,
                messageIds,
                subjectPrefix,
                clock,
                new MessageFactory(signer, IssueEnclosures.of(issue, config.images())),
                UnsubscribeSecret.returnPath(config, env));
    }

    /**
     * A validated list: its recipients, how many, how many the suppression list holds back, and the
     * first recipient (to render once before connecting).
     */
    public record CheckedRecipients(Recipients recipients, long active, long suppressed, Optional<Subscriber> first) {}
}
