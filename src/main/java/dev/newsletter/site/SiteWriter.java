package dev.newsletter.site;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.issue.Image;
import dev.newsletter.issue.WebPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Writes the static site: each published issue's page at {@link WebPage#path} (the path of the
 * messages' web-version link under {@code baseUrl}) with its items' pictures (at their paths next to
 * the issue file, where {@link WebPage#imageUrl} links them), {@code index.html} and {@code feed.xml}.
 * Which issues are published is {@link Publication}'s rule. Every issue is read and rendered before
 * the first file is written, so a bad issue file leaves the site as it was; each file is replaced
 * atomically.
 */
public final class SiteWriter {
    static final String INDEX = "index.html";
    static final String FEED = "feed.xml";

    private final Config config;
    private final Clock clock;

    public SiteWriter(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Where the site goes unless {@code --out} says otherwise: {@code site/} in the project folder. */
    public static Path defaultDir(Config config) {
        return config.projectDir().resolve("site");
    }

    /** What was written, and which issues were left out and why. */
    public record Result(List<Path> written, List<String> skipped) {}

    /**
     * One issue's page, with the index and feed of every published issue under {@code issues/} and
     * this one.
     *
     * @throws InvalidInputException when the issue is a draft or dated in the future
     */
    public Result publish(Path issueFile, Path out) {
        Project project = Project.load(config, issueFile);
        Publication.withheld(project.issue(), clock).ifPresent(why -> {
            throw InvalidInputException.of(Problem.inFile(issueFile, "not published: " + why));
        });
        List<String> skipped = new ArrayList<>();
        Map<String, PublishedIssue> listed = published(skipped);
        PublishedIssue page = rendered(project);
        listed.put(project.issue().id(), page);
        return write(out, List.of(page), listed, skipped);
    }

    /** Every published issue under {@code issues/}: pages, index and feed. */
    public Result site(Path out) {
        List<String> skipped = new ArrayList<>();
        Map<String, PublishedIssue> listed = published(skipped);
        return write(out, List.copyOf(listed.values()), listed, skipped);
    }

    private Map<String, PublishedIssue> published(List<String> skipped) {
        Path folder = config.projectDir().resolve("issues");
        Map<String, PublishedIssue> issues = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return issues;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList()) {
                Project project = Project.load(config, file);
                Optional<String> withheld = Publication.withheld(project.issue(), clock);
                if (withheld.isPresent()) {
                    skipped.add(config.projectDir().relativize(file) + ": " + withheld.get());
                } else {
                    issues.put(project.issue().id(), rendered(project));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        return issues;
    }

    private PublishedIssue rendered(Project project) {
        return new PublishedIssue(
                project.issue(), project.webPage(), config.newsletter().baseUrl());
    }

    private Result write(
            Path out, List<PublishedIssue> pages, Map<String, PublishedIssue> listed, List<String> skipped) {
        List<PublishedIssue> newestFirst = listed.values().stream()
                .sorted(Comparator.comparing((PublishedIssue p) -> p.issue().date())
                        .thenComparing(p -> p.issue().id())
                        .reversed())
                .toList();
        String name = config.newsletter().name();
        Map<String, String> files = new LinkedHashMap<>();
        pages.forEach(page -> files.put(page.path(), page.html()));
        files.put(INDEX, IndexPage.html(name, newestFirst));
        files.put(FEED, AtomFeed.xml(name, WebPage.base(config.newsletter().baseUrl()), newestFirst, clock.instant()));
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (PublishedIssue page : pages) {
                for (Image image : page.images()) {
                    Path target = out.resolve(image.path());
                    Files.createDirectories(target.getParent());
                    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
                    Files.copy(image.file(), temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    written.add(target);
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                written.add(replace(out.resolve(file.getKey()), file.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site to " + out, e);
        }
        return new Result(written, skipped);
    }

    private static Path replace(Path target, String content) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
