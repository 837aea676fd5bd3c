package dev.newsletter.journal;

import dev.newsletter.mailing.DeliveryResult;
import dev.newsletter.mailing.Journal;
import dev.newsletter.mailing.SendHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-recipient delivery journal: one append-only JSON Lines file per issue and list under
 * {@code var/deliveries/}. An {@code attempt} line is written before a message is handed to SMTP and
 * a {@code result} line after the reply, so the file is both the resume checkpoint and the source of
 * every report. Writes go straight to the file (one {@code write} per line, no buffer in the
 * process), so a {@code kill -9} loses at most the line being written. A torn last line (the process died mid-write) is tolerated. One process at a time
 * holds a journal (a lock file beside it), so overlapping sends cannot double-send.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final OutputStream out;
    private final JournalState state;
    private final SendHistory history;

    private DeliveryJournal(
            Path file,
            Clock clock,
            FileChannel lockChannel,
            FileLock lock,
            OutputStream out,
            JournalState state,
            SendHistory history) {
        this.file = file;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = out;
        this.state = state;
        this.history = history;
    }

    /**
     * Opens (creating if needed) the journal at {@code file} for appending, after reading its state.
     *
     * @throws JournalLockedException when another process is sending with this journal
     */
    public static DeliveryJournal open(Path file, Clock clock) {
        try {
            Files.createDirectories(file.getParent());
            FileChannel lockChannel = FileChannel.open(
                    file.resolveSibling(file.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new JournalLockedException(file);
            }
            SendHistory history = new SendHistory(clock.instant());
            JournalState state = read(file, history);
            repairTornTail(file);
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new DeliveryJournal(file, clock, lockChannel, lock, out, state, history);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
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
            throw new UncheckedIOException("cannot read the journals in " + deliveries, e);
        }
    }

    /** A crash mid-write can leave a last line without its newline: end it, so the next line stands alone. */
    private static void repairTornTail(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, channel.size() - 1);
            if (last.get(0) != '\n') {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}), channel.size());
            }
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
            throw new UncheckedIOException("cannot write to the journal " + file, e);
        }
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
            throw new UncheckedIOException("cannot write to the journal " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the journal " + file, e);
        }
    }
}
