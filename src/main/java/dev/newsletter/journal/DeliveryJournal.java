package dev.newsletter.journal;

import dev.newsletter.input.IoTrouble;
import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.JournalUnavailableException;
import dev.newsletter.mailing.SendHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-recipient delivery journal: one append-only JSON Lines file per issue and list under
 * {@code var/deliveries/}. An {@code attempt} line is written before a message is handed to SMTP and
 * a {@code result} line after the reply, so the file is both the resume checkpoint and the source of
 * every report. Writes go straight to the file (one {@code write} per line, no buffer in the
 * process), so a {@code kill -9} loses at most the line being written. A torn last line (the process
 * died mid-write) is tolerated, and so is a line that is not UTF-8. One process at a time holds a
 * journal ({@link SendLock}), so overlapping sends cannot double-send.
 *
 * <p>Before an attempt (at most every 100 ms) the journal checks that its file is still the one at
 * its path: when the file was deleted or replaced (say {@code var/} was deleted during the send), an attempt would be
 * recorded nowhere, so it throws {@link JournalUnavailableException} and the run stops; {@link
 * #putBackIfGone} then writes what the journal holds back to its path, so the next send resumes
 * instead of sending to everyone again.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CHECK_MILLIS = 100;

    private final Path file;
    private final Clock clock;
    private final SendLock lock;
    private final OutputStream out;
    private final FileChannel readBack;
    private final Object fileKey;
    private final JournalState state;
    private final SendHistory history;
    private volatile boolean gone;
    private long lastCheck = Long.MIN_VALUE;

    private DeliveryJournal(
            Path file,
            Clock clock,
            SendLock lock,
            OutputStream out,
            FileChannel readBack,
            Object fileKey,
            JournalState state,
            SendHistory history) {
        this.file = file;
        this.clock = clock;
        this.lock = lock;
        this.out = out;
        this.readBack = readBack;
        this.fileKey = fileKey;
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
        SendLock lock = null;
        OutputStream out = null;
        try {
            Files.createDirectories(file.getParent());
            lock = SendLock.acquire(file, projectLockFile);
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IOException("it is not a regular file; move it away");
            }
            SendHistory history = new SendHistory(clock.instant());
            JournalState state = read(file, history);
            repairTornTail(file);
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Object fileKey =
                    Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            FileChannel readBack = FileChannel.open(file, StandardOpenOption.READ);
            return new DeliveryJournal(file, clock, lock, out, readBack, fileKey, state, history);
        } catch (IOException e) {
            closeQuietly(out);
            if (lock != null) {
                lock.close();
            }
            throw new UncheckedIOException(IoTrouble.line("cannot open the journal " + file, e), e);
        } catch (RuntimeException e) {
            closeQuietly(out);
            if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // already failing; the first error is the one to report
            }
        }
    }

    /**
     * Calls {@code sent} with the Message-ID and address of every message the journal has an attempt
     * or result for, in file order; torn lines and lines that are not UTF-8 are skipped, as everywhere.
     * Read-only and without a lock, so it may run while a send writes: for mapping a reply or a bounce
     * back to whom the message went.
     */
    public static void forEachMessage(Path file, BiConsumer<String, String> sent) {
        JournalLines.forEach(file, () -> {}, line -> {
            if (!line.messageId().isEmpty() && !line.email().isEmpty()) {
                sent.accept(line.messageId(), line.email());
            }
        });
    }

    /** Reads a journal without locking it (for reports while a send may be running). */
    public static JournalState read(Path file) {
        return read(file, null);
    }

    private static JournalState read(Path file, SendHistory history) {
        JournalState state = new JournalState();
        JournalLines.forEach(file, state::tornLine, line -> {
            switch (line.type()) {
                case "attempt" -> {
                    state.attempt(line.email());
                    if (history != null) {
                        history.add(line.time());
                    }
                }
                case "result" -> state.result(line.email(), line.outcome());
                default -> {
                    // run lines carry no per-recipient state
                }
            }
        });
        return state;
    }

    /**
     * Adds the messages sent in the hour before {@code history.end()} by every journal under {@code
     * deliveries} except {@code except}: the relay's hourly quota is shared by all issues and lists.
     */
    public static void addRecentSends(Path deliveries, Path except, SendHistory history) {
        if (!Files.isDirectory(deliveries)) {
            return;
        }
        java.time.Instant since = history.end().minus(java.time.Duration.ofHours(1));
        try (java.util.stream.Stream<Path> files = Files.walk(deliveries, 2)) {
            for (Path journal :
                    files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                if (journal.toAbsolutePath().equals(except.toAbsolutePath())
                        || Files.getLastModifiedTime(journal).toInstant().isBefore(since)) {
                    continue;
                }
                JournalLines.forEach(journal, () -> {}, line -> {
                    if (line.type().equals("attempt")) {
                        history.add(line.time());
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot read the journals in " + deliveries, e), e);
        }
    }

    /**
     * A crash mid-write can leave a last line without its newline: end it, so the next line stands
     * alone. Only appends (an append-only file, {@code chattr +a}, allows nothing else).
     */
    private static void repairTornTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.read(last, channel.size() - 1);
        }
        if (last.get(0) != '\n') {
            try (OutputStream append = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                append.write('\n');
            }
        }
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
        if (gone) {
            return false;
        }
        if (fileKey == null) {
            return Files.exists(file); // a file system without file keys: the best one can tell
        }
        try {
            gone = !fileKey.equals(Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey());
        } catch (IOException e) {
            gone = true;
        }
        return !gone;
    }

    /**
     * When the journal's file was deleted during the send (say with {@code var/}), writes what it
     * holds back to its path, so that the next send resumes rather than sending to everyone again.
     * Nothing is written over a file someone else put there.
     *
     * @return the path written back to, or empty when the file was in place or another is there now
     */
    public synchronized Optional<Path> putBackIfGone() {
        if (inPlace() || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try (FileChannel copy = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long size = readBack.size();
                for (long done = 0; done < size; ) {
                    done += readBack.transferTo(done, size - done, copy);
                }
                copy.force(true);
            }
            Files.move(temp, file);
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot write the journal back to " + file, e), e);
        }
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

    /** Messages this journal sent in the hour before it was opened (for the hourly quota). */
    public SendHistory history() {
        return history;
    }

    public Path file() {
        return file;
    }

    public void runStarted(String run, Map<String, Object> details) {
        runEvent("start", run, details);
    }

    public void runFinished(String run, Map<String, Object> summary) {
        runEvent("end", run, summary);
    }

    private synchronized void runEvent(String event, String run, Map<String, Object> fields) {
        Map<String, Object> line = line("run");
        line.put("event", event);
        line.put("run", run);
        line.putAll(fields);
        write(line);
    }

    /** Written right before the final dot of the message's data: from here on the server may have it. */
    @Override
    public void attempt(String email, String messageId, int attempt) {
        StringBuilder line = start("attempt");
        field(line, "email", email);
        field(line, "messageId", messageId);
        line.append(",\"attempt\":").append(attempt).append("}\n");
        synchronized (this) {
            if (dueForCheck() && !inPlace()) {
                throw new JournalUnavailableException("the journal " + file
                        + " was deleted or replaced during the send (was var/ deleted?); stopping, so that no"
                        + " message goes out that the journal cannot record");
            }
            write(line);
            state.attempt(email);
        }
    }

    /** Written after the server's reply (or the connection failure). */
    @Override
    public void result(String email, String messageId, int attempt, DeliveryResult result, long millis) {
        StringBuilder line = start("result");
        field(line, "email", email);
        field(line, "outcome", result.outcome().label());
        line.append(",\"code\":").append(result.code());
        field(line, "status", result.enhancedStatus());
        field(line, "reply", result.reply());
        field(line, "messageId", messageId);
        line.append(",\"attempt\":").append(attempt);
        line.append(",\"ms\":").append(millis).append("}\n");
        synchronized (this) {
            write(line);
            state.result(email, result.outcome());
        }
    }

    /**
     * Attempt and result lines are built by hand (they are most of the journal, one pair per
     * message); run lines go through Jackson. Both are plain JSON objects on one line.
     */
    private StringBuilder start(String type) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"type\":\"").append(type).append('"');
        field(line, "time", clock.instant().toString());
        return line;
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        line.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private void write(CharSequence line) {
        try {
            out.write(line.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private JournalUnavailableException cannotWrite(IOException e) {
        return new JournalUnavailableException(IoTrouble.line("cannot write to the journal " + file, e), e);
    }

    private Map<String, Object> line(String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.put("time", clock.instant().toString());
        return line;
    }

    private void write(Map<String, Object> line) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(line);
            byte[] withNewline = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, withNewline, 0, bytes.length);
            withNewline[bytes.length] = '\n';
            out.write(withNewline);
            out.flush();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            readBack.close();
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot close the journal " + file, e), e);
        } finally {
            lock.close();
        }
    }
}
