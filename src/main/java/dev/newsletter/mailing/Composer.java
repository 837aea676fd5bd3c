package dev.newsletter.mailing;

import dev.newsletter.subscriber.Subscriber;

/**
 * Turns a subscriber into the message they receive, ready to go: rendered, with its headers and
 * links, built and signed. Called from workers, in parallel.
 */
@FunctionalInterface
public interface Composer {
    OutgoingMessage compose(Subscriber subscriber);
}
