package dev.newsletter.subscriber;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file, held through a read-modify-write, so that two commands changing the
 * same file at once run one after the other and both changes land. The lock is an OS lock ({@code
 * fcntl}) on a lock file beside the file ({@code .pdl-packet.csv.lock}), which stays in place: the
 * file itself is replaced by every write, so it cannot carry the lock. The OS releases the lock when
 * the process ends, however it ends.
 */
final class FileLock implements AutoCloseable {
    /** Work done while holding a lock. */
    interface Work<T> {
        T run() throws IOException;
    }

    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(FileChannel channel, java.nio.channels.FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock of {@code file}, running {@code onWait} first if another process holds it. */
    static FileLock acquire(Path file, Runnable onWait) throws IOException {
        Path lockFile = lockFileOf(file);
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                onWait.run();
                lock = channel.lock();
            }
            return new FileLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IllegalStateException("this process already holds the lock on " + file, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Runs {@code work} holding the lock of {@code file}, after deleting temp files a killed writer
     * may have left beside it (no other writer can be using one now).
     */
    static <T> T holding(Path file, Runnable onWait, Work<T> work) throws IOException {
        try (FileLock lock = acquire(file, onWait)) {
            AtomicFile.deleteLeftovers(file);
            return lock.run(work);
        }
    }

    private <T> T run(Work<T> work) throws IOException {
        if (!lock.isValid()) {
            throw new IOException("lost the lock on " + channel);
        }
        return work.run();
    }

    static Path lockFileOf(Path file) {
        return file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
