package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /** Refuses to open a folder as a file: reading one fails later with a less helpful message. */
    static void refuseFolder(Path file) {
        if (Files.isDirectory(file)) {
            throw InvalidInputException.of(Problem.inFile(file, folder()));
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
