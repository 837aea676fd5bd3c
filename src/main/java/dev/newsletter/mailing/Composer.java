package dev.newsletter.mailing;

import dev.newsletter.subscriber.Subscriber;

/** Turns a subscriber into the letter they receive: rendering, headers, links. Called from workers, in parallel. */
@FunctionalInterface
public interface Composer {
    Letter compose(Subscriber subscriber);
}
