package dev.newsletter.subscriber;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held through a read-modify-write, so that two commands changing the
 * same file at once run one after the other and both changes land. Between processes it is an OS
 * lock ({@code fcntl}, via {@link FileChannel#lock()}) on a lock file beside the file ({@code
 * .pdl-packet.csv.lock}), which stays in place: the file itself is replaced by every write, so it
 * cannot carry the lock. The OS releases it when the process ends, however it ends. OS locks are
 * held per process, so threads of one process (the daemon's unsubscribe endpoint) first take a lock
 * of this JVM for the same file. A file that is a symbolic link is locked at its target ({@link
 * LinkTarget}), where it is written, so two links to one file share one lock.
 */
final class FileLock implements AutoCloseable {
    /** One lock per lock file for the threads of this JVM; a handful of entries, never removed. */
    private static final ConcurrentMap<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    /** Work done while holding a lock. */
    interface Work<T> {
        T run() throws IOException;
    }

    private final ReentrantLock threads;
    private final FileChannel channel;
    private final java.nio.channels.FileLock lock;

    private FileLock(ReentrantLock threads, FileChannel channel, java.nio.channels.FileLock lock) {
        this.threads = threads;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Runs {@code work} holding the lock of {@code file}, after deleting temp files a killed writer
     * may have left beside it (no other writer can be using one now). If another thread or process
     * holds the lock, {@code onWait} runs and then this one waits.
     */
    static <T> T holding(Path file, Runnable onWait, Work<T> work) throws IOException {
        Path target = LinkTarget.of(file);
        try (FileLock lock = acquire(target, onWait)) {
            AtomicFile.deleteLeftovers(target);
            return lock.run(work);
        }
    }

    private static FileLock acquire(Path file, Runnable onWait) throws IOException {
        Path lockFile = lockFileOf(file);
        ReentrantLock threads = THREADS.computeIfAbsent(lockFile, path -> new ReentrantLock());
        if (!threads.tryLock()) {
            onWait.run();
            threads.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = channel.tryLock();
            if (lock == null) {
                onWait.run();
                lock = channel.lock();
            }
            return new FileLock(threads, channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel, threads);
            throw new IllegalStateException("this thread already holds the lock on " + file, e);
        } catch (IOException | RuntimeException e) {
            close(channel, threads);
            throw e;
        }
    }

    private <T> T run(Work<T> work) throws IOException {
        if (!lock.isValid()) {
            throw new IOException("the lock was released while it was needed");
        }
        return work.run();
    }

    static Path lockFileOf(Path file) {
        return file.toAbsolutePath().normalize().resolveSibling("." + file.getFileName() + ".lock");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            close(channel, threads);
        }
    }

    private static void close(FileChannel channel, ReentrantLock threads) throws IOException {
        try {
            if (channel != null) {
                channel.close();
            }
        } finally {
            threads.unlock();
        }
    }
}
