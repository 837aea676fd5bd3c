package dev.newsletter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run {@code ./newsletter} makes once per build under {@code -XX:ArchiveClassesAtExit}, so that
 * the class-data archive it starts every later command with holds the classes the common commands
 * load. The sample project, copied from the jar into a new temporary folder, is sent there in
 * capture mode, dry-run, checked, rendered, reported on and linted; nothing outside that folder is
 * read or written, and the folder is deleted after. Output is thrown away; the exit code is the
 * worst of the commands' (0 when every one worked).
 */
public final class StartupTraining {
    private static final String RESOURCES = "training/";

    /**
     * The sample project's files, as the jar holds them under {@code training/}: the build copies the
     * project's own templates, issues and subscribers there; only the config is the training's own.
     */
    static final List<String> FILES = List.of(
            "config/newsletter.yaml",
            "issues/2024-fall.yaml",
            "issues/2024-fall/graphpipe.png",
            "issues/2024-fall/helix.png",
            "issues/2024-fall/cinnamon.png",
            "subscribers/pdl-packet.csv",
            "subscribers/suppressed.csv",
            "templates/issue.html",
            "templates/issue.txt",
            "templates/fragments/footer.html",
            "templates/fragments/footer.txt",
            "templates/fragments/header.html",
            "templates/fragments/paper.html",
            "templates/fragments/paper.txt",
            "templates/fragments/text.html",
            "templates/fragments/text.txt");

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /** Runs the commands in a new folder under {@code parent}, which is left as it was. */
    static int run(Path parent) throws IOException {
        Path project = Files.createTempDirectory(parent, "newsletter-training");
        try {
            copySample(project);
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Map<String, String> env =
                    Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", HexFormat.of().formatHex(secret));
            Context context = new Context(nowhere, nowhere, env, Clock.systemUTC(), false, question -> null);
            String config = project.resolve("config/newsletter.yaml").toString();
            String issue = project.resolve("issues/2024-fall.yaml").toString();
            String render = project.resolve("render").toString();
            int worst = 0;
            for (List<String> args : List.of(
                    List.of("--version"),
                    List.of("--help"),
                    List.of("send", issue, "--config", config, "--dry-run"),
                    List.of("send", issue, "--config", config, "--yes"),
                    List.of("check", issue, "--config", config),
                    List.of("render", issue, "--config", config, "--out", render),
                    List.of("report", issue, "--config", config),
                    List.of("subscribers", "lint", "--config", config))) {
                worst = Math.max(worst, Main.run(context, args.toArray(String[]::new)));
            }
            return worst;
        } finally {
            delete(project);
        }
    }

    private static void copySample(Path project) throws IOException {
        for (String file : FILES) {
            Path target = project.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = StartupTraining.class.getResourceAsStream(RESOURCES + file)) {
                if (in == null) {
                    throw new IOException("the jar has no " + RESOURCES + file);
                }
                Files.copy(in, target);
            }
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
