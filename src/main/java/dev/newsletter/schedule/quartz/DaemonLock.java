package dev.newsletter.schedule.quartz;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One daemon per project for the embedded and memory stores ({@code var/scheduler/daemon.lock}):
 * two would both fire every schedule. The operating system releases the lock when the process
 * ends, however it ends. The clustered store needs no such lock: Quartz coordinates its daemons.
 */
final class DaemonLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path file(Path varDir) {
        return varDir.resolve("scheduler").resolve("daemon.lock");
    }

    /**
     * Takes the lock, retrying for a moment (a {@code schedule} command may be looking at it).
     *
     * @throws InvalidInputException when another daemon holds it
     */
    static DaemonLock acquire(Path file, long pid, Runnable beforeRetry) {
        try {
            Files.createDirectories(file.getParent());
            for (int attempt = 1; ; attempt++) {
                FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel, false);
                if (lock != null) {
                    channel.truncate(0);
                    channel.write(
                            ByteBuffer.wrap(("pid " + pid + " on " + host() + "\n").getBytes(StandardCharsets.UTF_8)),
                            0);
                    channel.force(false);
                    return new DaemonLock(channel, lock);
                }
                channel.close();
                if (attempt >= 10) {
                    throw InvalidInputException.of(Problem.inFile(
                            file,
                            "another daemon is running for this project ("
                                    + holder(file).orElse("unknown process")
                                    + "); stop it first, or use scheduler.store: postgres to run several"));
                }
                beforeRetry.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** Who holds the lock ({@code pid 1234 on host}), or empty when no daemon runs. */
    static Optional<String> holder(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FileLock probe = tryLock(channel, true);
            if (probe != null) {
                probe.release();
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return Optional.of(text.isEmpty() ? "a running daemon" : text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
        try {
            return channel.tryLock(0, Long.MAX_VALUE, shared);
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (a daemon started in-process, as in tests)
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "this host";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the daemon lock", e);
        }
    }
}
