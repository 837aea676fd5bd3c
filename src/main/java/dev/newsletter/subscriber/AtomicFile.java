package dev.newsletter.subscriber;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new version of a file, written beside it and swapped in whole: the content goes to a temp file in
 * the same folder, is flushed to disk ({@code fsync}), keeps the old file's permissions, and is
 * renamed over the target atomically; the folder is then synced so the rename itself survives a
 * power cut. A crash at any moment leaves the old file or the new one, never a mix. Unless {@link
 * #commit()} is called, closing deletes the temp file.
 *
 * <p>Callers hold the file's {@link FileLock} from reading the old version to the commit.
 */
final class AtomicFile implements Closeable {
    private static final String SUFFIX = ".tmp";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    static AtomicFile create(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        while (true) {
            Path temp = folder.resolve(tempPrefix(target)
                    + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + SUFFIX);
            try {
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new AtomicFile(target, temp, channel);
            } catch (FileAlreadyExistsException e) {
                // Another name, then.
            }
        }
    }

    /**
     * Deletes temp files a killed writer left beside {@code target}. Only call while holding the
     * target's lock: then no other writer is using one.
     */
    static void deleteLeftovers(Path target) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, tempPrefix(target) + "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    OutputStream out() {
        return out;
    }

    /** Makes the new content durable and puts it in place of the target, in one atomic step. */
    void commit() throws IOException {
        out.flush();
        channel.force(true);
        channel.close();
        copyPermissions();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically on this file system", e);
        }
        done = true;
        syncFolder(temp.getParent());
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            channel.close();
            Files.deleteIfExists(temp);
        }
    }

    private void copyPermissions() throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (from != null && to != null && Files.exists(target)) {
            to.setPermissions(from.readAttributes().permissions());
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some systems cannot open or sync a folder; the rename is still atomic there.
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".";
    }
}
