package dev.newsletter.app;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.bounce.ReturnPathTokens;
import dev.newsletter.delivery.MessageFactory;
import dev.newsletter.mailing.Composer;
import dev.newsletter.mailing.Letter;
import dev.newsletter.mailing.MessageIds;
import dev.newsletter.mailing.OutgoingMessage;
import dev.newsletter.render.IssueRenderer;
import dev.newsletter.render.RenderedEmail;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.unsubscribe.UnsubscribeLinks;
import java.net.URI;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Composes the message for one subscriber, in two steps: {@link #letter} renders the issue for them
 * and adds the headers and their links ({@code RenderedEmail} → {@link Letter}); {@link #message}
 * builds that letter into MIME and signs it with DKIM when configured ({@link Letter} → {@link
 * OutgoingMessage}). Sends, dry runs, {@code test}, {@code render} and {@code check} all take their
 * bytes from here.
 */
public final class IssueComposer implements Composer {
    private final IssueRenderer renderer;
    private final IssueRenderer.PreparedIssue issue;
    private final Identity identity;
    private final UnsubscribeLinks unsubscribe;
    private final MessageIds messageIds;
    private final String subject;
    private final Clock clock;
    private final MessageFactory messages;
    private final Optional<ReturnPathTokens> returnPath;

    /**
     * Who sends and how the list is named in headers.
     *
     * @param listId the List-Id header value, e.g. {@code The PDL Packet <packet.pdl.example.org>}
     * @param webVersion where the issue can be read on the web
     */
    public record Identity(Mailbox from, Optional<EmailAddress> replyTo, String listId, String webVersion) {}

    /** @param messages builds each letter into its bytes, signing them when it has a DKIM signer */
    public IssueComposer(
            IssueRenderer renderer,
            IssueRenderer.PreparedIssue issue,
            Identity identity,
            UnsubscribeLinks unsubscribe,
            MessageIds messageIds,
            String subjectPrefix,
            Clock clock,
            MessageFactory messages) {
        this(renderer, issue, identity, unsubscribe, messageIds, subjectPrefix, clock, messages, Optional.empty());
    }

    /**
     * @param returnPath with {@code sending.returnPath}: each message's envelope sender carries its
     *     recipient's signed token (VERP), so a bounce names whom it is about by the address it comes to
     */
    public IssueComposer(
            IssueRenderer renderer,
            IssueRenderer.PreparedIssue issue,
            Identity identity,
            UnsubscribeLinks unsubscribe,
            MessageIds messageIds,
            String subjectPrefix,
            Clock clock,
            MessageFactory messages,
            Optional<ReturnPathTokens> returnPath) {
        this.returnPath = returnPath;
        this.renderer = renderer;
        this.issue = issue;
        this.identity = identity;
        this.unsubscribe = unsubscribe;
        this.messageIds = messageIds;
        this.subject = subjectPrefix + issue.issue().subject();
        this.clock = clock;
        this.messages = messages;
    }

    @Override
    public OutgoingMessage compose(Subscriber subscriber) {
        return message(letter(subscriber));
    }

    /** The letter for {@code subscriber}: the issue rendered for them, with headers and their links. */
    public Letter letter(Subscriber subscriber) {
        EmailAddress to = subscriber.email();
        URI unsubscribeUrl = unsubscribe.https(to);
        RenderedEmail rendered = renderer.render(
                issue, subscriber, new IssueRenderer.Links(unsubscribeUrl.toString(), identity.webVersion()), subject);
        return new Letter(
                identity.from(),
                identity.replyTo(),
                new Mailbox(subscriber.name(), to),
                new Letter.Content(rendered.subject(), rendered.html(), rendered.text()),
                messageIds.of(to),
                ZonedDateTime.now(clock),
                identity.listId(),
                unsubscribeUrl,
                unsubscribe.mailto(to));
    }

    /** How many bytes of each message are embedded pictures and attachments, the same in every message. */
    public int enclosedBytes() {
        return messages.sharedBytes();
    }

    /**
     * The letter built and (with DKIM) signed: the bytes that go out, and the envelope: from the
     * return path (one HMAC) when one is configured, else from the From address.
     */
    public OutgoingMessage message(Letter letter) {
        OutgoingMessage message = messages.build(letter);
        if (returnPath.isEmpty()) {
            return message;
        }
        return message.withSender(returnPath.get().sender(issue.issue().id(), letter.messageId(), letter.recipient()));
    }
}
