package dev.newsletter.subscriber;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The file a path really names: a symbolic link followed to its target (which need not exist yet),
 * in a folder with no links left in its path. A file is written by renaming a new version over it,
 * and renaming over a link would replace the link; so writes, and the lock that guards them, go to the
 * target, and two links to one file share one lock.
 */
final class LinkTarget {
    /** More links in a row than this is a loop, as for the kernel's ELOOP. */
    private static final int MAX_LINKS = 40;

    private LinkTarget() {}

    static Path of(Path file) throws IOException {
        Path path = file.toAbsolutePath();
        for (int links = 0; Files.isSymbolicLink(path); links++) {
            if (links == MAX_LINKS) {
                throw new FileSystemException(file.toString(), null, "Too many levels of symbolic links");
            }
            path = path.resolveSibling(Files.readSymbolicLink(path));
        }
        Path name = path.getFileName();
        try {
            return path.getParent().toRealPath().resolve(name);
        } catch (NoSuchFileException e) {
            return path.normalize();
        }
    }
}
