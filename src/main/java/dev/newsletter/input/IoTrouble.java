package dev.newsletter.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Says in one line what went wrong with a file and what to do about it: "the disk is full: free
 * some space, then run the same command again" rather than a {@code java.io.IOException}. The
 * operating system's reason is all Java gives for most of these (disk full, immutable file), so
 * the reason text is what is matched.
 */
public final class IoTrouble {
    private IoTrouble() {}

    /** {@code doing} (e.g. "cannot write to the journal var/x.jsonl") followed by what went wrong and what to do. */
    public static String line(String doing, IOException e) {
        String file = fileOf(e);
        return doing + ": " + (file.isEmpty() || doing.contains(file) ? "" : file + ": ") + advice(e);
    }

    /** What went wrong and what to do, naming the file when the error does. */
    public static String explain(IOException e) {
        String file = fileOf(e);
        return (file.isEmpty() ? "" : file + ": ") + advice(e);
    }

    private static String fileOf(IOException e) {
        return e instanceof FileSystemException fse && fse.getFile() != null ? fse.getFile() : "";
    }

    private static String advice(IOException e) {
        String reason = reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (e instanceof AccessDeniedException || lower.contains("permission denied")) {
            return "permission denied; check its owner and permissions (ls -l) and those of its folder";
        }
        if (lower.contains("no space left on device")) {
            return "the disk is full; free some space, then run the same command again";
        }
        if (lower.contains("disk quota exceeded")) {
            return "the disk quota is used up; free some space, then run the same command again";
        }
        if (lower.contains("operation not permitted")) {
            return "operation not permitted; the file may be immutable or append-only (lsattr shows it,"
                    + " chattr -i or chattr -a undoes it)";
        }
        if (lower.contains("read-only file system")) {
            return "the file system is read-only; mount it writable or move the project";
        }
        if (lower.contains("is a directory")) {
            return "this is a folder, where a file was expected; move it away";
        }
        if (lower.contains("address already in use")) {
            return "the port is in use by another program (or another daemon); stop it, or choose another port";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            return "a file is where a folder was expected; move it away";
        }
        if (e instanceof CharacterCodingException) {
            return "not valid UTF-8";
        }
        return reason;
    }

    /**
     * One line for an {@link UncheckedIOException} from anywhere in the program: its own message (what
     * was being done, usually naming the file) and the explanation of its cause, without repeating
     * the cause's raw text when the message already ends with it.
     */
    public static String line(UncheckedIOException e) {
        IOException cause = e.getCause();
        String doing = e.getMessage() == null ? "" : e.getMessage();
        if (doing.contains(advice(cause))) {
            return doing; // made by line(doing, cause) already
        }
        String raw = cause.getMessage();
        if (raw != null && doing.endsWith(": " + raw)) {
            doing = doing.substring(0, doing.length() - raw.length() - 2);
        }
        if (doing.isEmpty() || doing.equals(String.valueOf(cause))) {
            return explain(cause);
        }
        return line(doing, cause);
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            return e instanceof AccessDeniedException
                    ? "permission denied"
                    : e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
