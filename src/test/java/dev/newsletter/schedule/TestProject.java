package dev.newsletter.schedule;

import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A copy of the sample project in a temporary folder, with a config written for the test: capture
 * mode (or a relay on a test server), a chosen store, grace and schedules, and lists of any size.
 */
public final class TestProject {
    /** 32 characters: what relay mode needs in NEWSLETTER_UNSUBSCRIBE_SECRET. */
    public static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");

    private final Path dir;
    private String smtp = "  mode: capture\n  connections: 2\n";
    private String scheduler = "  store: embedded\n  misfireGrace: 1h\n";
    private final List<String> schedules = new ArrayList<>();
    private String listId = "packet.pdl.example.org";

    private TestProject(Path dir) {
        this.dir = dir;
    }

    /** Copies issues, templates and subscribers of the sample project (the working folder) into {@code dir}. */
    public static TestProject create(Path dir) {
        TestProject project = new TestProject(dir);
        for (String folder : List.of("issues", "templates", "subscribers")) {
            copy(Path.of(folder), dir.resolve(folder));
        }
        project.write();
        return project;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends through an SMTP server at 127.0.0.1:{@code port}, without TLS. */
    public TestProject relay(int port, int connections) {
        smtp = "  mode: relay\n  host: 127.0.0.1\n  port: " + port + "\n  tls: none\n  connections: " + connections
                + "\n  timeoutSeconds: 10\n";
        return write();
    }

    /** The List-Id, which also names the project's schedules in a shared database. */
    public TestProject listId(String id) {
        listId = id;
        return write();
    }

    public TestProject scheduler(String yaml) {
        scheduler = yaml.endsWith("\n") ? yaml : yaml + "\n";
        return write();
    }

    public TestProject misfireGrace(String grace) {
        return scheduler("  store: embedded\n  misfireGrace: " + grace + "\n");
    }

    public TestProject schedule(String issue, String list, String cron, String zone) {
        schedules.add("  - issue: " + issue + "\n" + (list == null ? "" : "    list: " + list + "\n") + "    cron: \""
                + cron + "\"\n" + (zone == null ? "" : "    timeZone: " + zone + "\n"));
        return write();
    }

    /** Writes {@code subscribers/<list>.csv} with {@code count} active subscribers, {@code <list>0001@example.org} on. */
    public TestProject list(String list, int count) {
        StringBuilder csv = new StringBuilder("email,name,status,subscribed_at,tags\n");
        for (int i = 1; i <= count; i++) {
            csv.append(String.format("%s%04d@example.org,Reader %d,active,2024-09-01T10:00:00Z,%n", list, i, i));
        }
        try {
            Files.writeString(dir.resolve("subscribers").resolve(list + ".csv"), csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public TestProject write() {
        String yaml = "newsletter:\n"
                + "  name: The PDL Packet\n"
                + "  from: \"The PDL Packet <packet@pdl.example.org>\"\n"
                + "  list: pdl-packet\n"
                + "  listId: " + listId + "\n"
                + "  baseUrl: https://pdl.example.org/newsletter\n"
                + "smtp:\n" + smtp
                + "sending:\n"
                + "  retry:\n"
                + "    attempts: 2\n"
                + "    initialBackoff: 1s\n"
                + "    maxBackoff: 1s\n"
                + "unsubscribe:\n"
                + "  secretEnv: NEWSLETTER_UNSUBSCRIBE_SECRET\n"
                + "scheduler:\n" + scheduler
                + (schedules.isEmpty() ? "" : "schedules:\n" + String.join("", schedules));
        try {
            Files.createDirectories(dir.resolve("config"));
            Files.writeString(configFile(), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path dir() {
        return dir;
    }

    public Path configFile() {
        return dir.resolve("config/newsletter.yaml");
    }

    public Config config() {
        return ConfigLoader.load(configFile());
    }

    /** The {@code .eml} files capture mode wrote for an issue. */
    public long captured(String issueId) {
        Path folder = dir.resolve("outbox").resolve(issueId);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journal of the issue and list, as text. */
    public String journal(String issueId, String list) {
        Path file = dir.resolve("var/deliveries").resolve(issueId).resolve(list + ".jsonl");
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
