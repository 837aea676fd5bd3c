package dev.newsletter.journal;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.JournalUnavailableException;
import dev.newsletter.mailing.SendHistory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The per-recipient delivery journal of one send: one append-only JSON Lines file per issue and list
 * under {@code var/deliveries/}. An {@code attempt} line is written before a message is handed to
 * SMTP and a {@code result} line after the reply, so the file is both the resume checkpoint and the
 * source of every report. The file is held by a {@link JournalFile} (one process at a time, torn
 * last line ended, one write per line); every line is built by {@link JournalLineBuilder}; what the
 * lines say so far is kept in a {@link JournalState}. Reading a journal without holding it: {@link
 * JournalState#read}, {@link DeliveryReport#of}, {@link JournalReader}.
 *
 * <p>Before an attempt (at most every 100 ms) the journal checks that its file is still the one at
 * its path: when the file was deleted or replaced (say {@code var/} was deleted during the send), an
 * attempt would be recorded nowhere, so it throws {@link JournalUnavailableException} and the run
 * stops; {@link #putBackIfGone} then writes what the journal holds back to its path, so the next
 * send resumes instead of sending to everyone again.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {
    private static final long CHECK_MILLIS = 100;

    private final JournalFile file;
    private final Clock clock;
    private final JournalState state;
    private final SendHistory history;
    private long lastCheck = Long.MIN_VALUE;

    private DeliveryJournal(JournalFile file, Clock clock, JournalState state, SendHistory history) {
        this.file = file;
        this.clock = clock;
        this.state = state;
        this.history = history;
    }

    /**
     * Opens (creating if needed) the journal at {@code file} for appending, after reading its state,
     * holding only the lock beside it (for tests and tools; sends use {@link #open(Path, Path,
     * Clock)}).
     *
     * @throws JournalLockedException when another process is sending with this journal
     */
    public static DeliveryJournal open(Path file, Clock clock) {
        return open(file, Optional.empty(), clock);
    }

    /**
     * Opens the journal at {@code file} holding both locks of {@link SendLock}: the one beside it
     * and a byte of {@code projectLockFile}, which lives outside {@code var/}.
     *
     * @throws JournalLockedException when another process is sending with this journal
     * @throws java.io.UncheckedIOException when the journal cannot be read or opened for appending
     */
    public static DeliveryJournal open(Path file, Path projectLockFile, Clock clock) {
        return open(file, Optional.of(projectLockFile), clock);
    }

    private static DeliveryJournal open(Path file, Optional<Path> projectLockFile, Clock clock) {
        SendHistory history = new SendHistory(clock.instant());
        JournalState state = new JournalState();
        JournalFile held = JournalFile.open(file, projectLockFile, path -> state.readLines(path, history::add));
        return new DeliveryJournal(held, clock, state, history);
    }

    /**
     * Whether to look at the file again before this attempt: at most every {@link #CHECK_MILLIS}
     * (a {@code stat} per message would cost several per cent of a fast send). Lines written
     * between two checks after the file was deleted are not lost: they are in the file this
     * journal still holds, which {@link #putBackIfGone} writes back.
     */
    private boolean dueForCheck() {
        long now = clock.millis();
        if (lastCheck != Long.MIN_VALUE && now >= lastCheck && now - lastCheck < CHECK_MILLIS) {
            return false;
        }
        lastCheck = now;
        return true;
    }

    /**
     * Whether the file this journal writes to is still the one at its path; false once it was
     * deleted, or replaced by another file.
     */
    public boolean inPlace() {
        return file.inPlace();
    }

    /**
     * When the journal's file was deleted during the send (say with {@code var/}), writes what it
     * holds back to its path, so that the next send resumes rather than sending to everyone again.
     * Nothing is written over a file someone else put there.
     *
     * @return the path written back to, or empty when the file was in place or another is there now
     */
    public synchronized Optional<Path> putBackIfGone() {
        return file.putBackIfGone();
    }

    @Override
    public boolean isDone(String email) {
        return state.isDone(email);
    }

    @Override
    public boolean isInDoubt(String email) {
        return state.isInDoubt(email);
    }

    public JournalState state() {
        return state;
    }

    /** Messages this journal sent in the hour before it was opened (see {@link RecentSends}). */
    SendHistory history() {
        return history;
    }

    public Path file() {
        return file.path();
    }

    /** A run-start line: {@code details} (text, numbers, booleans) say how the run sends. */
    public void runStarted(String run, Map<String, ?> details) {
        runLine("start", run, details);
    }

    /** A run-end line: {@code summary} (text, numbers, booleans) says what the run did. */
    public void runFinished(String run, Map<String, ?> summary) {
        runLine("end", run, summary);
    }

    private synchronized void runLine(String event, String run, Map<String, ?> fields) {
        file.append(JournalLineBuilder.of("run", clock.instant())
                .text("event", event)
                .text("run", run)
                .fields(fields)
                .bytes());
    }

    /** Written right before the final dot of the message's data: from here on the server may have it. */
    @Override
    public void attempt(String email, String messageId, int attempt) {
        byte[] line = JournalLineBuilder.of("attempt", clock.instant())
                .text("email", email)
                .text("messageId", messageId)
                .number("attempt", attempt)
                .bytes();
        synchronized (this) {
            if (dueForCheck() && !inPlace()) {
                throw new JournalUnavailableException("the journal " + file()
                        + " was deleted or replaced during the send (was var/ deleted?); stopping, so that no"
                        + " message goes out that the journal cannot record");
            }
            file.append(line);
            state.attempt(email);
        }
    }

    /** Written after the server's reply (or the connection failure). */
    @Override
    public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
        byte[] line = JournalLineBuilder.of("result", clock.instant())
                .text("email", email)
                .text("outcome", result.outcome().label())
                .number("code", result.code())
                .text("status", result.enhancedStatus())
                .text("reply", result.reply())
                .text("messageId", messageId)
                .number("attempt", attempt)
                .number("ms", millis)
                .bytes();
        synchronized (this) {
            file.append(line);
            state.result(email, result.outcome());
        }
    }

    @Override
    public synchronized void close() {
        file.close();
    }
}
