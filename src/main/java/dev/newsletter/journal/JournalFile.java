package dev.newsletter.journal;

import dev.newsletter.input.IoTrouble;
import dev.newsletter.mailing.JournalUnavailableException;
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
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A journal's file, held for one send: locked ({@link SendLock}), its torn last line ended, open for
 * appending, and watched for being deleted or replaced. Each line goes out in one {@code write}
 * straight to the file (no buffer in the process), so a {@code kill -9} loses at most the line being
 * written. Not thread-safe: {@link DeliveryJournal} guards it.
 */
final class JournalFile implements AutoCloseable {
    private final Path path;
    private final SendLock lock;
    private final OutputStream out;
    private final FileChannel readBack;
    private final Object fileKey;
    private volatile boolean gone;

    private JournalFile(Path path, SendLock lock, OutputStream out, FileChannel readBack, Object fileKey) {
        this.path = path;
        this.lock = lock;
        this.out = out;
        this.readBack = readBack;
        this.fileKey = fileKey;
    }

    /**
     * Locks the journal at {@code path} (creating its folder), lets {@code readFirst} read it as it
     * is, ends a torn last line and opens it for appending (creating it).
     *
     * @param projectLockFile the project's lock file, outside {@code var/}; empty: only the lock
     *     beside the journal
     * @throws JournalLockedException when another process is sending with this journal
     * @throws UncheckedIOException when the journal cannot be read or opened for appending
     */
    static JournalFile open(Path path, Optional<Path> projectLockFile, Consumer<Path> readFirst) {
        SendLock lock = null;
        OutputStream out = null;
        try {
            Files.createDirectories(path.getParent());
            lock = SendLock.acquire(path, projectLockFile);
            if (Files.exists(path) && !Files.isRegularFile(path)) {
                throw new IOException("it is not a regular file; move it away");
            }
            readFirst.accept(path);
            repairTornTail(path);
            out = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            Object fileKey =
                    Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            FileChannel readBack = FileChannel.open(path, StandardOpenOption.READ);
            return new JournalFile(path, lock, out, readBack, fileKey);
        } catch (IOException e) {
            closeQuietly(out);
            if (lock != null) {
                lock.close();
            }
            throw new UncheckedIOException(IoTrouble.line("cannot open the journal " + path, e), e);
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

    Path path() {
        return path;
    }

    /** Appends one whole line in one write. */
    void append(byte[] line) {
        try {
            out.write(line);
        } catch (IOException e) {
            throw new JournalUnavailableException(IoTrouble.line("cannot write to the journal " + path, e), e);
        }
    }

    /**
     * Whether the file this journal writes to is still the one at its path; false once it was
     * deleted, or replaced by another file.
     */
    boolean inPlace() {
        if (gone) {
            return false;
        }
        if (fileKey == null) {
            return Files.exists(path); // a file system without file keys: the best one can tell
        }
        try {
            gone = !fileKey.equals(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey());
        } catch (IOException e) {
            gone = true;
        }
        return !gone;
    }

    /**
     * When the file was deleted during the send (say with {@code var/}), writes what it holds back to
     * its path. Nothing is written over a file someone else put there.
     *
     * @return the path written back to, or empty when the file was in place or another is there now
     */
    Optional<Path> putBackIfGone() {
        if (inPlace() || Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(path.getParent());
            Path temp = Files.createTempFile(path.getParent(), "." + path.getFileName(), ".tmp");
            try (FileChannel copy = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                long size = readBack.size();
                for (long done = 0; done < size; ) {
                    done += readBack.transferTo(done, size - done, copy);
                }
                copy.force(true);
            }
            Files.move(temp, path);
            return Optional.of(path);
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot write the journal back to " + path, e), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            readBack.close();
        } catch (IOException e) {
            throw new UncheckedIOException(IoTrouble.line("cannot close the journal " + path, e), e);
        } finally {
            lock.close();
        }
    }
}
