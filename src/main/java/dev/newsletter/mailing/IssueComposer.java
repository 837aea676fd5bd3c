package dev.newsletter.mailing;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.address.Mailbox;
import dev.newsletter.render.IssueRenderer;
import dev.newsletter.render.RenderedEmail;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.unsubscribe.UnsubscribeLinks;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Optional;

/** Composes the letter for one subscriber: renders the issue for them, adds headers and their links. */
public final class IssueComposer implements Composer {
    private final IssueRenderer renderer;
    private final IssueRenderer.PreparedIssue issue;
    private final Identity identity;
    private final UnsubscribeLinks unsubscribe;
    private final MessageIds messageIds;
    private final String subject;
    private final Clock clock;

    /**
     * Who sends and how the list is named in headers.
     *
     * @param listId the List-Id header value, e.g. {@code The PDL Packet <packet.pdl.example.org>}
     * @param webVersion where the issue can be read on the web
     */
    public record Identity(Mailbox from, Optional<EmailAddress> replyTo, String listId, String webVersion) {}

    public IssueComposer(
            IssueRenderer renderer,
            IssueRenderer.PreparedIssue issue,
            Identity identity,
            UnsubscribeLinks unsubscribe,
            MessageIds messageIds,
            String subjectPrefix,
            Clock clock) {
        this.renderer = renderer;
        this.issue = issue;
        this.identity = identity;
        this.unsubscribe = unsubscribe;
        this.messageIds = messageIds;
        this.subject = subjectPrefix + issue.issue().subject();
        this.clock = clock;
    }

    @Override
    public Letter compose(Subscriber subscriber) {
        EmailAddress to = subscriber.email();
        java.net.URI unsubscribeUrl = unsubscribe.https(to);
        RenderedEmail content = renderer.render(
                issue, subscriber, new IssueRenderer.Links(unsubscribeUrl.toString(), identity.webVersion()), subject);
        return new Letter(
                identity.from(),
                identity.replyTo(),
                new Mailbox(subscriber.name(), to),
                content,
                messageIds.of(to),
                ZonedDateTime.now(clock),
                identity.listId(),
                unsubscribeUrl,
                unsubscribe.mailto(to));
    }
}
