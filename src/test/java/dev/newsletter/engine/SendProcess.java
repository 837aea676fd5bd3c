package dev.newsletter.engine;

import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code newsletter send} in its own JVM, on a temporary copy of the sample project whose
 * config points {@code smtp.mode: relay} at a test server: what a user runs, killable like a user's
 * process.
 */
final class SendProcess {
    static final String SECRET = "a-test-secret-of-at-least-16-bytes";

    private SendProcess() {}

    /**
     * The sample project with a relay config (60 s timeout, 3 quick retries) and a list of {@code subscribers}
     * active subscribers, {@code reader1@example.org} on, and one who left.
     */
    static Path project(Path dir, int port, int connections, int subscribers) {
        SampleProject project =
                SampleProject.withTestConfig(dir).relay(port, connections, 60).retry(3, "10ms", "50ms");
        StringBuilder csv = new StringBuilder("email,name,status,subscribed_at,tags\n");
        for (int i = 1; i <= subscribers; i++) {
            csv.append("reader")
                    .append(i)
                    .append("@example.org,Reader ")
                    .append(i)
                    .append(",active,2024-01-01,\n");
        }
        csv.append("gone@example.org,Gone,unsubscribed,2024-01-01,\n");
        project.write(SampleProject.LIST_FILE, csv.toString());
        return project.root();
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
}
