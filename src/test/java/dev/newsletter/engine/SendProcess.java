package dev.newsletter.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real {@code newsletter send} in its own JVM, on a temporary copy of the sample project whose
 * config points {@code smtp.mode: relay} at a test server: what a user runs, killable like a user's
 * process.
 */
final class SendProcess {
    static final String SECRET = "a-test-secret-of-at-least-16-bytes";

    private SendProcess() {}

    /** Copies the sample issue and templates, writes {@code subscribers} active subscribers and a relay config. */
    static Path project(Path dir, int port, int connections, int subscribers) throws IOException {
        Path repo = Path.of("").toAbsolutePath();
        copyTree(repo.resolve("issues"), dir.resolve("issues"));
        copyTree(repo.resolve("templates"), dir.resolve("templates"));
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("subscribers"));
        Files.writeString(dir.resolve("config/newsletter.yaml"), """
                newsletter:
                  name: The PDL Packet
                  from: "The PDL Packet <packet@pdl.example.org>"
                  list: pdl-packet
                  listId: packet.pdl.example.org
                  baseUrl: https://pdl.example.org/newsletter
                smtp:
                  mode: relay
                  host: 127.0.0.1
                  port: %d
                  tls: none
                  connections: %d
                  timeoutSeconds: 60
                sending:
                  retry:
                    attempts: 3
                    initialBackoff: 10ms
                    maxBackoff: 50ms
                unsubscribe:
                  secretEnv: NEWSLETTER_UNSUBSCRIBE_SECRET
                """.formatted(port, connections));
        StringBuilder csv = new StringBuilder("email,name,status,subscribed_at,tags\n");
        for (int i = 1; i <= subscribers; i++) {
            csv.append("reader")
                    .append(i)
                    .append("@example.org,Reader ")
                    .append(i)
                    .append(",active,2024-01-01,\n");
        }
        csv.append("gone@example.org,Gone,unsubscribed,2024-01-01,\n");
        Files.writeString(dir.resolve("subscribers/pdl-packet.csv"), csv, StandardCharsets.UTF_8);
        return dir;
    }

    static List<String> subscribers(int n) {
        List<String> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add("reader" + i + "@example.org");
        }
        return all;
    }

    /** Starts {@code send} in {@code project}; its output goes to files there. */
    static Process start(Path project, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.newsletter.cli.Main",
                "send",
                "issues/2024-fall.yaml",
                "--yes"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().put("NEWSLETTER_UNSUBSCRIBE_SECRET", SECRET);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(project.resolve("send.out").toFile()));
        builder.redirectError(
                ProcessBuilder.Redirect.appendTo(project.resolve("send.err").toFile()));
        return builder.start();
    }

    static Path journal(Path project) {
        return project.resolve("var/deliveries/2024-fall/pdl-packet.jsonl");
    }

    static String output(Path project) {
        try {
            return Files.readString(project.resolve("send.out")) + Files.readString(project.resolve("send.err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
