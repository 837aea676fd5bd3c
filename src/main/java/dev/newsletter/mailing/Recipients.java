package dev.newsletter.mailing;

import dev.newsletter.subscriber.Subscriber;
import java.util.function.Consumer;

/** A stream of recipients, read once per run without holding them all in memory. */
@FunctionalInterface
public interface Recipients {
    void forEach(Consumer<Subscriber> action);
}
