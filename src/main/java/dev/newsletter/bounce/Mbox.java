package dev.newsletter.bounce;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The messages of an mbox file, read as a stream: a message starts at a {@code From } line with a
 * date at the start of the file or after an empty line; {@code >From } lines lose one {@code >} (mboxrd). Named
 * {@code mbox:1}, {@code mbox:2}, … Only the first {@link #KEPT} bytes of a message are kept for the
 * classifier (all it needs); the rest is read past.
 */
public final class Mbox implements MessageSource {
    static final int KEPT = 8 * 1024 * 1024;

    private final Path file;

    private Mbox(Path file) {
        this.file = file;
    }

    /** @throws InvalidInputException when {@code file} cannot be read */
    public static Mbox open(Path file) {
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read this mbox file"));
        }
        return new Mbox(file);
    }

    @Override
    public void forEach(Handler handler, Failure failure) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            split(in, handler);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.of(Problem.inFile(file, "no such file"));
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(file, "cannot read: " + e.getMessage()));
        }
    }

    static void split(InputStream in, Handler handler) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean previousBlank = true;
        boolean inMessage = false;
        int count = 0;
        int b;
        do {
            b = in.read();
            if (b != -1) {
                if (line.size() < 64 * 1024 || b == '\n') {
                    line.write(b); // an over-long line keeps its start and its end of line
                }
                if (b != '\n') {
                    continue;
                }
            }
            if (line.size() == 0) {
                break;
            }
            byte[] bytes = line.toByteArray();
            line.reset();
            if (previousBlank && startsWith(bytes, "From ") && isSeparator(bytes)) {
                if (inMessage) {
                    handler.message("mbox:" + ++count, new ByteArrayInputStream(message.toByteArray()));
                    message.reset();
                }
                inMessage = true;
            } else {
                if (!inMessage) {
                    inMessage = true; // a file that does not start with "From ": one message anyway
                }
                int skip = bytes.length > 1 && bytes[0] == '>' && quotedFrom(bytes) ? 1 : 0;
                if (message.size() < KEPT) {
                    message.write(bytes, skip, bytes.length - skip);
                }
            }
            previousBlank = bytes.length == 1 || (bytes.length == 2 && bytes[0] == '\r');
        } while (b != -1);
        if (inMessage) {
            handler.message("mbox:" + ++count, new ByteArrayInputStream(message.toByteArray()));
        }
    }

    /** {@code From sender Mon Nov  4 09:00:01 2024}: a body line that merely starts with "From " has no date. */
    private static boolean isSeparator(byte[] line) {
        String text = new String(line, 0, Math.min(line.length, 1000), java.nio.charset.StandardCharsets.ISO_8859_1);
        return SEPARATOR.matcher(text).find();
    }

    private static final java.util.regex.Pattern SEPARATOR =
            java.util.regex.Pattern.compile("^From \\S+ .*\\b\\d{1,2}:\\d{2}(?::\\d{2})?\\b.*\\b\\d{4}\\b");

    private static boolean quotedFrom(byte[] line) {
        int i = 0;
        while (i < line.length && line[i] == '>') {
            i++;
        }
        return startsWith(java.util.Arrays.copyOfRange(line, i, line.length), "From ");
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
