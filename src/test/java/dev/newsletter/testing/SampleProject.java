package dev.newsletter.testing;

import dev.newsletter.cli.Context;
import dev.newsletter.cli.Main;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A project folder for a test: a copy of the repository's sample project (templates, issues, subscribers and
 * either the sample config or a short config the fixture writes), ways to edit its files, and a way to run
 * {@code ./newsletter} commands in it in-process.
 *
 * <p>Start from {@link #copyTo} for the sample config as shipped, or from {@link #withTestConfig} for a small
 * config the test shapes with {@link #relay}, {@link #listId}, {@link #scheduler} and {@link #schedule}.
 */
public final class SampleProject {
    /** The environment relay mode needs: a 32-character NEWSLETTER_UNSUBSCRIBE_SECRET. */
    public static final Map<String, String> ENV =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");

    /** The sample project's default list. */
    public static final String LIST_FILE = "subscribers/pdl-packet.csv";

    /** The suppression list. */
    public static final String SUPPRESSED_FILE = "subscribers/suppressed.csv";

    private static final String CONFIG = "config/newsletter.yaml";

    private final Path root;
    private final TestConfig testConfig;
    private Clock clock = Clock.fixed(Instant.parse("2024-11-04T08:00:00Z"), ZoneOffset.UTC);

    private SampleProject(Path root, TestConfig testConfig) {
        this.root = root;
        this.testConfig = testConfig;
    }

    /** Copies the sample project (config, templates, issues, subscribers) from the working folder into {@code root}. */
    public static SampleProject copyTo(Path root) {
        copyFolders(root, "config", "templates", "issues", "subscribers");
        return new SampleProject(root, null);
    }

    /**
     * Copies the sample templates, issues and subscribers into {@code root} and writes a short config: capture mode
     * with 2 connections, 2 quick retries, the embedded scheduler store with 1h misfire grace, and no schedules.
     */
    public static SampleProject withTestConfig(Path root) {
        copyFolders(root, "templates", "issues", "subscribers");
        SampleProject project = new SampleProject(root, new TestConfig());
        project.writeTestConfig();
        return project;
    }

    public Path root() {
        return root;
    }

    public Path resolve(String path) {
        return root.resolve(path);
    }

    /** The config file, {@code config/newsletter.yaml}. */
    public Path config() {
        return root.resolve(CONFIG);
    }

    /** The config file, loaded. */
    public Config loadConfig() {
        return ConfigLoader.load(config());
    }

    /** The sample issue, {@code issues/2024-fall.yaml}. */
    public Path issue() {
        return root.resolve("issues/2024-fall.yaml");
    }

    /** The default list, {@value #LIST_FILE}. */
    public Path listFile() {
        return root.resolve(LIST_FILE);
    }

    /** The suppression list, {@value #SUPPRESSED_FILE}. */
    public Path suppressedFile() {
        return root.resolve(SUPPRESSED_FILE);
    }

    public String read(String path) {
        return read(root.resolve(path));
    }

    /** Reads any file as UTF-8, malformed bytes replaced (also a file outside the project, such as a link's target). */
    public String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(String path, String content) {
        try {
            Files.createDirectories(root.resolve(path).getParent());
            Files.writeString(root.resolve(path), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void append(String path, String text) {
        write(path, read(path) + text);
    }

    /** Replaces one exact piece of a file, failing if it is not there (so a test cannot silently test nothing). */
    public void replace(String path, String from, String to) {
        String text = read(path);
        if (!text.contains(from)) {
            throw new AssertionError(path + " does not contain: " + from);
        }
        write(path, text.replace(from, to));
    }

    /** Points the sample config at an SMTP relay without TLS or AUTH (a test server on loopback). */
    public void useRelay(int port) {
        replace(CONFIG, "mode: capture", "mode: relay");
        replace(CONFIG, "host: smtp.example.org", "host: 127.0.0.1");
        replace(CONFIG, "port: 587", "port: " + port);
        replace(CONFIG, "tls: starttls-required", "tls: none");
    }

    /** Test config: sends through an SMTP server at 127.0.0.1:{@code port}, without TLS, with a 10 s timeout. */
    public SampleProject relay(int port, int connections) {
        return relay(port, connections, 10);
    }

    /** Test config: sends through an SMTP server at 127.0.0.1:{@code port}, without TLS. */
    public SampleProject relay(int port, int connections, int timeoutSeconds) {
        testConfig().smtp = "  mode: relay\n  host: 127.0.0.1\n  port: " + port + "\n  tls: none\n  connections: "
                + connections + "\n  timeoutSeconds: " + timeoutSeconds + "\n";
        return writeTestConfig();
    }

    /** Test config: how often and how soon a refused message is tried again (by default 2 attempts, 1s apart). */
    public SampleProject retry(int attempts, String initialBackoff, String maxBackoff) {
        testConfig().retry = "    attempts: " + attempts + "\n    initialBackoff: " + initialBackoff
                + "\n    maxBackoff: " + maxBackoff + "\n";
        return writeTestConfig();
    }

    /** Test config: the List-Id, which also names the project's schedules in a shared database. */
    public SampleProject listId(String id) {
        testConfig().listId = id;
        return writeTestConfig();
    }

    /** Test config: the body of the {@code scheduler:} section. */
    public SampleProject scheduler(String yaml) {
        testConfig().scheduler = yaml.endsWith("\n") ? yaml : yaml + "\n";
        return writeTestConfig();
    }

    /** Test config: the embedded store with this misfire grace. */
    public SampleProject misfireGrace(String grace) {
        return scheduler("  store: embedded\n  misfireGrace: " + grace + "\n");
    }

    /** Test config: adds a schedule; {@code list} and {@code zone} may be null to leave them out. */
    public SampleProject schedule(String issue, String list, String cron, String zone) {
        testConfig()
                .schedules
                .add("  - issue: " + issue + "\n" + (list == null ? "" : "    list: " + list + "\n") + "    cron: \""
                        + cron + "\"\n" + (zone == null ? "" : "    timeZone: " + zone + "\n"));
        return writeTestConfig();
    }

    /** Writes {@code subscribers/<list>.csv} with {@code count} active subscribers, {@code <list>0001@example.org} on. */
    public SampleProject list(String list, int count) {
        StringBuilder csv = new StringBuilder("email,name,status,subscribed_at,tags\n");
        for (int i = 1; i <= count; i++) {
            csv.append(String.format("%s%04d@example.org,Reader %d,active,2024-09-01T10:00:00Z,%n", list, i, i));
        }
        write("subscribers/" + list + ".csv", csv.toString());
        return this;
    }

    /** The number of {@code .eml} files capture mode wrote for an issue. */
    public long captured(String issueId) {
        Path folder = root.resolve("outbox").resolve(issueId);
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

    /** The delivery journal of the issue and list, as text ("" before the first send). */
    public String journal(String issueId, String list) {
        Path file = root.resolve("var/deliveries").resolve(issueId).resolve(list + ".jsonl");
        return Files.exists(file) ? read(file) : "";
    }

    /** The clock commands see (by default 2024-11-04T08:00:00Z in UTC). */
    public SampleProject withClock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Runs {@code ./newsletter ARGS --config <root>/config/newsletter.yaml} in-process, with an empty environment. */
    public Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code ./newsletter ARGS --config <root>/config/newsletter.yaml} in-process. */
    public Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context context = new Context(new PrintWriter(out, true), new PrintWriter(err, true), env, clock, false);
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config().toString());
        int code = Main.run(context, all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    /** What a command did: its exit code and what it printed. */
    public record Run(int code, String out, String err) {}

    private TestConfig testConfig() {
        if (testConfig == null) {
            throw new IllegalStateException("only a project made with SampleProject.withTestConfig has a test config");
        }
        return testConfig;
    }

    private SampleProject writeTestConfig() {
        write(CONFIG, testConfig.yaml());
        return this;
    }

    /** The parts of the fixture-written config a test may change. */
    private static final class TestConfig {
        private String smtp = "  mode: capture\n  connections: 2\n";
        private String scheduler = "  store: embedded\n  misfireGrace: 1h\n";
        private String retry = "    attempts: 2\n    initialBackoff: 1s\n    maxBackoff: 1s\n";
        private final List<String> schedules = new ArrayList<>();
        private String listId = "packet.pdl.example.org";

        String yaml() {
            return "newsletter:\n"
                    + "  name: The PDL Packet\n"
                    + "  from: \"The PDL Packet <packet@pdl.example.org>\"\n"
                    + "  list: pdl-packet\n"
                    + "  listId: " + listId + "\n"
                    + "  baseUrl: https://pdl.example.org/newsletter\n"
                    + "smtp:\n" + smtp
                    + "sending:\n"
                    + "  retry:\n" + retry
                    + "unsubscribe:\n"
                    + "  secretEnv: NEWSLETTER_UNSUBSCRIBE_SECRET\n"
                    + "scheduler:\n" + scheduler
                    + (schedules.isEmpty() ? "" : "schedules:\n" + String.join("", schedules));
        }
    }

    private static void copyFolders(Path root, String... folders) {
        Path source = Path.of("").toAbsolutePath();
        for (String folder : folders) {
            copyTree(source.resolve(folder), root.resolve(folder));
        }
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
