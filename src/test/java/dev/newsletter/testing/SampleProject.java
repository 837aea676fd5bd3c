package dev.newsletter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** A copy of the repository's sample project (config, templates, issues, subscribers) in a temp folder. */
public final class SampleProject {
    private static final List<String> FOLDERS = List.of("config", "templates", "issues", "subscribers");

    private final Path root;

    private SampleProject(Path root) {
        this.root = root;
    }

    /** Copies the sample project from the working folder (the repository root when Maven runs) into {@code target}. */
    public static SampleProject copyTo(Path target) {
        Path source = Path.of("").toAbsolutePath();
        for (String folder : FOLDERS) {
            copyTree(source.resolve(folder), target.resolve(folder));
        }
        return new SampleProject(target);
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve("config/newsletter.yaml");
    }

    public Path issue() {
        return root.resolve("issues/2024-fall.yaml");
    }

    public Path resolve(String path) {
        return root.resolve(path);
    }

    public String read(String path) {
        try {
            return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String path, String content) {
        try {
            Files.writeString(root.resolve(path), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces one exact piece of a file, failing if it is not there (so a test cannot silently test nothing). */
    public void replace(String path, String from, String to) {
        String text = read(path);
        if (!text.contains(from)) {
            throw new AssertionError(path + " does not contain: " + from);
        }
        write(path, text.replace(from, to));
    }

    /** Points the config at an SMTP relay without TLS or AUTH (a test server on loopback). */
    public void useRelay(int port) {
        replace("config/newsletter.yaml", "mode: capture", "mode: relay");
        replace("config/newsletter.yaml", "host: smtp.example.org", "host: 127.0.0.1");
        replace("config/newsletter.yaml", "port: 587", "port: " + port);
        replace("config/newsletter.yaml", "tls: starttls-required", "tls: none");
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
