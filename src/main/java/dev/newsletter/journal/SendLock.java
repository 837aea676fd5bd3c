package dev.newsletter.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one process (and one thread in it) at a time send with a given journal. Two OS locks
 * ({@code fcntl}), both released by the OS however the process ends:
 *
 * <ol>
 *   <li>the lock file beside the journal ({@code var/deliveries/2024-fall/pdl-packet.jsonl.lock}),
 *       which every process that can see the journal sees, on this host or another sharing the
 *       folder;
 *   <li>one byte of the project's lock file ({@code .newsletter.lock} in the project folder), at an
 *       offset drawn from the journal's path. It is outside {@code var/}, so deleting {@code var/}
 *       during a send ({@code git clean -fdX}) does not make way for a second send: the first
 *       lock went with the folder, this one did not. Where the project folder cannot be written
 *       (the systemd unit lets the daemon write {@code var/} and {@code outbox/} only) only the
 *       first lock is taken.
 * </ol>
 *
 * OS locks belong to the process, and closing any channel to a file drops every lock the process
 * holds on it: so the project's lock file is opened once per JVM and shared, and threads of this
 * JVM are kept apart by a set of the journals held here before any OS lock is tried.
 */
final class SendLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SendLock.class);
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Map<Path, SharedFile> PROJECT_FILES = new HashMap<>();

    private final Path journal;
    private final FileChannel besideChannel;
    private final FileLock beside;
    private final Optional<SharedFile> projectFile;
    private final Optional<FileLock> projectByte;

    private SendLock(
            Path journal,
            FileChannel besideChannel,
            FileLock beside,
            Optional<SharedFile> projectFile,
            Optional<FileLock> projectByte) {
        this.journal = journal;
        this.besideChannel = besideChannel;
        this.beside = beside;
        this.projectFile = projectFile;
        this.projectByte = projectByte;
    }

    /**
     * Takes both locks for {@code journal}, or neither.
     *
     * @param projectLockFile the project's lock file, outside {@code var/}; empty: only the lock
     *     beside the journal
     * @throws JournalLockedException when another process or thread holds either
     */
    static SendLock acquire(Path journal, Optional<Path> projectLockFile) throws IOException {
        Path key = journal.toAbsolutePath().normalize();
        if (!HELD.add(key)) {
            throw new JournalLockedException(journal);
        }
        Optional<SharedFile> shared = Optional.empty();
        Optional<FileLock> projectByte = Optional.empty();
        FileChannel besideChannel = null;
        try {
            shared = projectLockFile.flatMap(SendLock::openShared);
            if (shared.isPresent()) {
                projectByte = Optional.of(lockByte(shared.get(), key, journal));
            }
            besideChannel = FileChannel.open(
                    key.resolveSibling(key.getFileName() + ".lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock beside = tryLock(besideChannel);
            if (beside == null) {
                throw new JournalLockedException(journal);
            }
            return new SendLock(key, besideChannel, beside, shared, projectByte);
        } catch (IOException | RuntimeException e) {
            closeQuietly(besideChannel);
            projectByte.ifPresent(SendLock::releaseQuietly);
            shared.ifPresent(SendLock::closeShared);
            HELD.remove(key);
            throw e;
        }
    }

    private static FileLock lockByte(SharedFile file, Path key, Path journal) throws IOException {
        Path folder = file.path().getParent();
        long offset =
                offset(folder == null ? key.toString() : folder.relativize(key).toString());
        FileLock lock;
        try {
            lock = file.channel().tryLock(offset, 1, false);
        } catch (OverlappingFileLockException e) {
            lock = null; // another journal of this JVM whose path drew the same byte
        }
        if (lock == null) {
            throw new JournalLockedException(journal);
        }
        return lock;
    }

    /** A byte offset in [0, 2^62) drawn from the journal's path relative to the project folder. */
    static long offset(String relativePath) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value & 0x3FFF_FFFF_FFFF_FFFFL;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static Optional<SharedFile> openShared(Path file) {
        Path key = file.toAbsolutePath().normalize();
        synchronized (PROJECT_FILES) {
            SharedFile shared = PROJECT_FILES.get(key);
            if (shared == null) {
                try {
                    shared = new SharedFile(
                            key, FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debug("cannot open {} ({}): only the lock beside the journal is taken", key, e.toString());
                    return Optional.empty();
                }
                PROJECT_FILES.put(key, shared);
            }
            shared.users++;
            return Optional.of(shared);
        }
    }

    private static void closeShared(SharedFile shared) {
        synchronized (PROJECT_FILES) {
            if (--shared.users == 0) {
                PROJECT_FILES.remove(shared.path());
                closeQuietly(shared.channel());
            }
        }
    }

    @Override
    public void close() {
        try {
            releaseQuietly(beside);
            closeQuietly(besideChannel);
            projectByte.ifPresent(SendLock::releaseQuietly);
            projectFile.ifPresent(SendLock::closeShared);
        } finally {
            HELD.remove(journal);
        }
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("releasing a lock failed: {}", e.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a lock file failed: {}", e.toString());
        }
    }

    /** The project's lock file, open once in this JVM for as long as any send holds a byte of it. */
    private static final class SharedFile {
        private final Path path;
        private final FileChannel channel;
        private int users;

        SharedFile(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        Path path() {
            return path;
        }

        FileChannel channel() {
            return channel;
        }
    }
}
