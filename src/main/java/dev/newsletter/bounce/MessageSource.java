package dev.newsletter.bounce;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the messages to scan come from: a maildir, an mbox file, standard input or an IMAP folder. Each message is handed over as a stream with its name in the scan's output.
 */
public interface MessageSource {
    /** Receives one message; the stream is open only during the call. */
    @FunctionalInterface
    interface Handler {
        void message(String source, InputStream content);
    }

    /** Receives a message that could not be read (the scan goes on without it). */
    @FunctionalInterface
    interface Failure {
        void unreadable(String source, IOException problem);
    }

    /**
     * Hands every message to {@code handler} in order, and every message that cannot be read to
     * {@code failure}.
     *
     * @throws dev.newsletter.input.InvalidInputException when the source as a whole cannot be read
     */
    void forEach(Handler handler, Failure failure);

    /**
     * Called by an applying scan, while {@link Handler#message} runs for {@code source}, once that
     * message is recorded as processed (now or by an earlier run): a mailbox then moves it out of the
     * folder it reads. Files are left where they are (the default).
     */
    default void processed(String source) {}
}
