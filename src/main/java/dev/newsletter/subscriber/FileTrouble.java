package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * A file that cannot be read or written (a full disk, no permission, a folder where a file should be,
 * an immutable file) as one line for the user: the file, what went wrong, what to do. Thrown as an
 * {@link InvalidInputException}, which the command line reports without a stack trace and with exit
 * code 2; the file is unchanged, as every write goes to a temp file first ({@link AtomicFile}).
 */
final class FileTrouble {
    private FileTrouble() {}

    /** {@code e}, met while reading or writing {@code file}, said plainly. */
    static InvalidInputException of(Path file, IOException e) {
        return InvalidInputException.of(Problem.inFile(file, describe(file, e)));
    }

    /**
     * Refuses to read anything but a regular file (a link to one is fine): reading a folder fails later
     * with a less helpful message, and opening a named pipe or a device waits, maybe for ever, for
     * something to write to it. A path that does not exist is left to the caller.
     */
    static void refuseNonRegular(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return; // Missing, a link loop, no permission: opening it says so.
        }
        if (attributes.isDirectory()) {
            throw InvalidInputException.of(Problem.inFile(file, folder()));
        }
        if (!attributes.isRegularFile()) {
            throw InvalidInputException.of(Problem.inFile(
                    file,
                    "this is " + special(file) + ", not a regular file; save what it holds to a file"
                            + " and use that, then run the command again"));
        }
    }

    private static String special(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer bits) {
                return switch (bits & 0xF000) {
                    case 0x1000 -> "a named pipe (FIFO)";
                    case 0xC000 -> "a socket";
                    case 0x2000, 0x6000 -> "a device";
                    default -> "a special file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // No unix view: say less.
        }
        return "a special file";
    }

    /**
     * Why {@code file} is not there, in words: {@code plain} ("no such list"), or, when the file is a
     * symbolic link, where the link leads and that nothing is there, or that it goes round in a loop.
     */
    static String missing(Path file, String plain) {
        if (!Files.isSymbolicLink(file)) {
            return plain;
        }
        try {
            return plain + ": it is a link to " + LinkTarget.of(file) + ", which does not exist";
        } catch (IOException e) {
            return plain + ": it is a link that cannot be followed (" + reason(e) + ")";
        }
    }

    private static String describe(Path file, IOException e) {
        String reason = reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("quota exceeded")) {
            return "the disk is full; free some space and run the command again (the file was not changed)";
        }
        if (lower.contains("is a directory") || Files.isDirectory(file)) {
            return folder();
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only; mount it writable or move the file, then run the command again";
        }
        if (lower.contains("operation not permitted")) {
            return "the system does not permit changing this file (is it immutable or append-only? 'lsattr " + file
                    + "' shows it, 'chattr -i -a' lifts it); the file was not changed";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + where(file, e) + "; check the permissions of the file and its folder"
                    + " ('ls -ld'), then run the command again";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder" + where(file, e);
        }
        return "cannot read or write the file: " + reason;
    }

    private static String folder() {
        return "this is a folder, not a file; move or rename the folder, then run the command again";
    }

    /** The other file the system names, when it is not the one the message is about (a lock file). */
    private static String where(Path file, IOException e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            Path other = Path.of(fs.getFile());
            if (!other.toAbsolutePath().equals(file.toAbsolutePath())) {
                return " on " + other;
            }
        }
        return "";
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
