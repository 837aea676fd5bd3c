package dev.newsletter.inbox;

import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

/** A copy of the sample project (config, templates, issue, lists) in a temporary folder, and a way to run commands in it. */
public final class SampleProject {
    private final Path dir;

    private SampleProject(Path dir) {
        this.dir = dir;
    }

    public static SampleProject copyTo(Path dir) {
        for (String folder : new String[] {"config", "templates", "issues", "subscribers"}) {
            copy(Path.of(folder).toAbsolutePath(), dir.resolve(folder));
        }
        return new SampleProject(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path file(String relative) {
        return dir.resolve(relative);
    }

    public void append(String relative, String text) {
        try {
            Files.writeString(file(relative), Files.readString(file(relative)) + text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String relative, String text) {
        try {
            Files.writeString(file(relative), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code ./newsletter ARGS --config <dir>/config/newsletter.yaml} in-process. */
    public Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                env,
                Clock.fixed(Instant.parse("2024-11-04T08:00:00Z"), ZoneOffset.UTC),
                false);
        String[] all = Stream.concat(
                        Stream.of(args),
                        Stream.of("--config", file("config/newsletter.yaml").toString()))
                .toArray(String[]::new);
        int code = Main.run(context, all);
        return new Run(code, out.toString(), err.toString());
    }

    public record Run(int code, String out, String err) {}

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
