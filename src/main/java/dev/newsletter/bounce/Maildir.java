package dev.newsletter.bounce;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A maildir's {@code new/} and {@code cur/} messages, each folder in file-name order ({@code tmp/} holds
 * messages still being delivered and is left alone). A message's name is its file name without the
 * flags suffix ({@code :2,S}), which changes when a mail client reads it.
 */
public final class Maildir implements MessageSource {
    private final Path dir;

    private Maildir(Path dir) {
        this.dir = dir;
    }

    /** @throws InvalidInputException when {@code dir} is not a readable maildir */
    public static Maildir open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InvalidInputException.of(Problem.inFile(dir, "no such folder (--maildir needs a maildir)"));
        }
        if (!Files.isDirectory(dir.resolve("new")) && !Files.isDirectory(dir.resolve("cur"))) {
            throw InvalidInputException.of(Problem.inFile(dir, "not a maildir: it has neither new/ nor cur/"));
        }
        return new Maildir(dir);
    }

    @Override
    public void forEach(Handler handler, Failure failure) {
        for (String folder : List.of("new", "cur")) {
            Path sub = dir.resolve(folder);
            if (!Files.isDirectory(sub)) {
                continue;
            }
            for (Path file : files(sub)) {
                String source = name(file.getFileName().toString());
                try (InputStream in = Files.newInputStream(file)) {
                    handler.message(source, in);
                } catch (IOException e) {
                    failure.unreadable(source, e);
                }
            }
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw InvalidInputException.of(Problem.inFile(folder, "cannot list the folder: " + e.getMessage()));
        }
    }

    /** {@code 1700000000.M1P2.host:2,S} → {@code 1700000000.M1P2.host}. */
    static String name(String fileName) {
        int flags = Math.max(fileName.lastIndexOf(":2,"), fileName.lastIndexOf("!2,"));
        return flags > 0 ? fileName.substring(0, flags) : fileName;
    }
}
