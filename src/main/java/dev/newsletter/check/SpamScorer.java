package dev.newsletter.check;

import java.io.IOException;
import java.util.Optional;

/** Scores a built message for spam, offline. Behind an interface so tests need no SpamAssassin. */
@FunctionalInterface
public interface SpamScorer {
    /**
     * The message's score and the rules that matched; empty when the scorer is not installed.
     *
     * @throws IOException when it is installed but could not score the message
     */
    Optional<SpamScore> score(byte[] message) throws IOException;
}
