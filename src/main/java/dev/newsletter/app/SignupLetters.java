package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.config.Config;
import dev.newsletter.delivery.DkimConfig;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.OutgoingMessage;
import dev.newsletter.render.NoticeRenderer;
import dev.newsletter.render.RenderedEmail;
import dev.newsletter.unsubscribe.UnsubscribeLinks;
import dev.newsletter.unsubscribe.UnsubscribeTokens;
import java.net.URI;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Composes the mails of signups as {@link IssueComposer} composes an issue's: rendered ({@link
 * NoticeRenderer}), with the newsletter's From, Reply-To, List-Id and the person's signed
 * unsubscribe link (a "this was not me" that suppresses the address), built and DKIM-signed by
 * {@link MessageFactory}. Each mail gets a Message-ID of its own: a person may be sent several.
 */
final class SignupLetters {
    static final String CONFIRM = "confirm";
    static final String WELCOME = "welcome";

    private final Config config;
    private final Clock clock;
    private final NoticeRenderer notices;
    private final MessageFactory messages;
    private final UnsubscribeTokens unsubscribeTokens;
    private final byte[] messageIdKey;
    private final Mailbox from;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * Checks the templates by rendering each once, so that an error stops the start with its line.
     *
     * @throws dev.newsletter.input.InvalidInputException for a template error, a missing secret or key
     */
    SignupLetters(Config config, Map<String, String> env, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.notices = new NoticeRenderer(config.templatesDir());
        this.from = Mailbox.parse(config.newsletter().from());
        this.unsubscribeTokens = UnsubscribeSecret.forVerifying(config, env);
        this.messageIdKey = UnsubscribeSecret.forMessageIds(config, env); // the same secret: it is set
        this.messages = new MessageFactory(DkimConfig.signer(config, env));
        String list = config.signup().orElseThrow().defaultList();
        EmailAddress someone = EmailAddress.parse("someone@example.org");
        letter(CONFIRM, list, someone, "", config.newsletter().baseUrl());
        if (welcomes()) {
            letter(WELCOME, list, someone, "", "");
        }
    }

    /** Whether the project has a welcome mail ({@code templates/welcome.html} and {@code .txt}). */
    boolean welcomes() {
        return notices.has(WELCOME);
    }

    /** The domain of the From address (EHLO name, Message-IDs). */
    String senderDomain() {
        return from.address().domain();
    }

    /**
     * The mail {@code kind} to {@code to} on {@code list}, built and signed.
     *
     * @param name the subscriber's name (empty in a confirmation: it was typed by whoever used the form)
     * @param confirmLink the confirmation link (empty in a welcome)
     */
    OutgoingMessage message(String kind, String list, EmailAddress to, String name, String confirmLink) {
        return messages.build(letter(kind, list, to, name, confirmLink));
    }

    private Letter letter(String kind, String list, EmailAddress to, String name, String confirmLink) {
        Optional<EmailAddress> mailto = config.unsubscribe().mailto().isEmpty()
                ? Optional.empty()
                : Optional.of(Mailbox.parse(config.unsubscribe().mailto()).address());
        Optional<EmailAddress> replyTo = config.newsletter().replyTo() == null
                        || config.newsletter().replyTo().isBlank()
                ? Optional.empty()
                : Optional.of(Mailbox.parse(config.newsletter().replyTo()).address());
        UnsubscribeLinks links = new UnsubscribeLinks(config.newsletter().baseUrl(), list, unsubscribeTokens, mailto);
        URI unsubscribe = links.https(to);
        RenderedEmail rendered = notices.render(
                kind,
                new NoticeRenderer.Values(
                        config.newsletter().name(),
                        from.address().toString(),
                        config.newsletter().listId(),
                        list,
                        to.toString(),
                        name,
                        confirmLink,
                        unsubscribe.toString()));
        String stamp = clock.millis() + "-" + sequence.incrementAndGet();
        return new Letter(
                from,
                replyTo,
                new Mailbox(name, to),
                new Letter.Content(rendered.subject(), rendered.html(), rendered.text()),
                MessageIds.forTest("signup-" + kind, stamp, senderDomain(), messageIdKey)
                        .of(to),
                ZonedDateTime.now(clock),
                config.newsletter().name() + " <" + config.newsletter().listId() + ">",
                unsubscribe,
                links.mailto(to));
    }
}
