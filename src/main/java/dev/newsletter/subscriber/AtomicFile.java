package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
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
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A new version of a file, written beside it and swapped in whole: the content goes to a temp file in
 * the same folder, is flushed to disk ({@code fsync}), keeps the old file's permissions, and is
 * renamed over the target atomically; the folder is then synced so the rename itself survives a
 * power cut. A crash at any moment leaves the old file or the new one, never a mix. Unless {@link
 * #commit()} is called, closing deletes the temp file.
 *
 * <p>A target that is a symbolic link is written through: the new version goes beside the link's
 * target and replaces the target, and the link stays. A file without write permission for its owner
 * is refused, not replaced. Every failure is one {@link FileTrouble} line naming the file.
 *
 * <p>Callers hold the file's {@link FileLock} from reading the old version to the commit.
 */
final class AtomicFile implements Closeable {
    private static final String SUFFIX = ".tmp";

    /** The file as the user named it, for messages. */
    private final Path shown;
    /** The file replaced: {@code shown}, or the target of the link {@code shown} is. */
    private final Path target;

    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private boolean done;

    private AtomicFile(Path shown, Path target, Path temp, FileChannel channel) {
        this.shown = shown;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** A new version of {@code file}; refuses a read-only file (see {@link #refuseReadOnly}). */
    static AtomicFile create(Path file) {
        try {
            Path target = LinkTarget.of(file);
            refuseReadOnly(file, target);
            Path folder = target.getParent();
            while (true) {
                Path temp = folder.resolve(tempPrefix(target)
                        + Long.toHexString(ThreadLocalRandom.current().nextLong())
                        + SUFFIX);
                try {
                    FileChannel channel =
                            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new AtomicFile(file, target, temp, channel);
                } catch (FileAlreadyExistsException e) {
                    // Another name, then.
                }
            }
        } catch (IOException e) {
            throw FileTrouble.of(file, e);
        }
    }

    /**
     * Refuses a file its owner may not write (someone made it read-only on purpose: even root, who
     * could, does not replace it), and one this user may not write.
     */
    private static void refuseReadOnly(Path file, Path target) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (view == null || !Files.exists(target)) {
            return;
        }
        PosixFileAttributes attributes = view.readAttributes();
        String mode = PosixFilePermissions.toString(attributes.permissions());
        if (!attributes.permissions().contains(PosixFilePermission.OWNER_WRITE)) {
            throw InvalidInputException.of(Problem.inFile(
                    file,
                    "the file is read-only (" + mode + "), so it was not changed; if it should change, make it"
                            + " writable (chmod u+w " + target + ") and run the command again"));
        }
        if (!Files.isWritable(target)) {
            throw InvalidInputException.of(Problem.inFile(
                    file,
                    "this user may not write the file (" + mode + ", owner "
                            + attributes.owner().getName()
                            + "; or it is immutable or append-only: see 'lsattr " + target
                            + "'), so it was not changed; fix that, or run the command as a user who may"));
        }
    }

    /** The file as the user named it. */
    Path shown() {
        return shown;
    }

    /**
     * Deletes temp files a killed writer left beside {@code target}. Only call while holding the
     * target's lock: then no other writer is using one.
     */
    static void deleteLeftovers(Path target) throws IOException {
        Path real = LinkTarget.of(target);
        try (DirectoryStream<Path> leftovers =
                Files.newDirectoryStream(real.getParent(), tempPrefix(real) + "*" + SUFFIX)) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    OutputStream out() {
        return out;
    }

    /** Makes the new content durable and puts it in place of the target, in one atomic step. */
    void commit() {
        try {
            out.flush();
            channel.force(true);
            channel.close();
            copyOwnerAndPermissions();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw FileTrouble.of(
                    shown, new IOException("cannot replace " + target + " atomically on this file system", e));
        } catch (IOException e) {
            throw FileTrouble.of(shown, e);
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

    /** The new version keeps the old one's permissions, and its owner and group where this user may set them. */
    private void copyOwnerAndPermissions() throws IOException {
        PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (from == null || to == null || !Files.exists(target)) {
            return;
        }
        PosixFileAttributes old = from.readAttributes();
        PosixFileAttributes now = to.readAttributes();
        try {
            if (!old.group().equals(now.group())) {
                to.setGroup(old.group());
            }
            if (!old.owner().equals(now.owner())) {
                to.setOwner(old.owner());
            }
        } catch (IOException e) {
            // Only root may give a file away; the new version then belongs to this user.
        }
        to.setPermissions(old.permissions());
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
