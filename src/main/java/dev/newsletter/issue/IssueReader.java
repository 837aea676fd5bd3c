package dev.newsletter.issue;

import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an issue file into an {@link Issue}. Unknown keys, unknown item types, missing fields and
 * bad values are reported together, each with file, line and column. Markdown becomes HTML here,
 * once per issue.
 */
public final class IssueReader {
    /** Issue ids key the journal and the outbox folder: a safe alphabet only. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final MarkdownConverter markdown = new MarkdownConverter();

    public Issue read(Path file) {
        YamlFile<IssueFile> yaml = YamlFile.read(file, IssueFile.class);
        IssueFile raw = yaml.value();
        Problems problems = yaml.problems();
        IssueFolder folder = new IssueFolder(file);
        if (required(yaml, "/id", raw.id(), problems) && !ID.matcher(raw.id()).matches()) {
            problems.add(yaml.at("/id", "id '" + raw.id() + "' may only use letters, digits, '.', '_' and '-'"));
        }
        required(yaml, "/newsletter", raw.newsletter(), problems);
        if (required(yaml, "/subject", raw.subject(), problems) && hasLineBreak(raw.subject())) {
            problems.add(yaml.at("/subject", "the subject must be one line"));
        }
        if (raw.preheader() != null && hasLineBreak(raw.preheader().strip())) {
            problems.add(yaml.at("/preheader", "the preheader must be one line"));
        }
        if (raw.date() == null) {
            problems.add(yaml.at("/date", "missing required key 'date' (YYYY-MM-DD)"));
        }
        List<Issue.Section> sections = new ArrayList<>();
        if (raw.sections() == null || raw.sections().isEmpty()) {
            problems.add(yaml.at("/sections", "an issue needs at least one section under 'sections'"));
        } else {
            for (int s = 0; s < raw.sections().size(); s++) {
                sections.add(
                        section(yaml, folder, "/sections/" + s, raw.sections().get(s), problems));
            }
        }
        Optional<Markdown> intro = Optional.ofNullable(raw.intro())
                .filter(s -> !s.isBlank())
                .map(text -> markdown(yaml, folder, "/intro", text, problems));
        List<Attachment> attachments = Attachments.read(yaml, folder, raw.attachments(), problems);
        problems.throwIfAny();
        return new Issue(
                raw.id(),
                raw.newsletter().strip(),
                raw.subject().strip(),
                raw.preheader() == null ? "" : raw.preheader().strip(),
                raw.date(),
                intro,
                sections,
                Boolean.TRUE.equals(raw.draft()),
                attachments);
    }

    /**
     * A Markdown text whose pictures with a relative destination are files next to the issue, by
     * the rules of an item's picture; each problem points at the picture's path in the issue file.
     */
    private Markdown markdown(YamlFile<?> yaml, IssueFolder folder, String at, String text, Problems problems) {
        return markdown.convert(text, (destination, alt) -> {
            java.util.function.Function<String, dev.newsletter.input.Problem> where =
                    message -> yaml.atText(at, destination, message);
            if (alt.isBlank()) {
                problems.add(where.apply("image '" + destination.strip()
                        + "' needs alt text: write what it shows between the brackets, ![like this]("
                        + destination.strip() + ")"));
                return Optional.empty();
            }
            return folder.file(destination, "image", where, problems)
                    .flatMap(named -> ItemImages.picture(named, alt, where, problems));
        });
    }

    private Issue.Section section(
            YamlFile<?> yaml, IssueFolder folder, String at, IssueFile.SectionFile raw, Problems problems) {
        if (raw == null) {
            problems.add(yaml.at(at, "empty section"));
            return new Issue.Section("", List.of());
        }
        required(yaml, at + "/heading", raw.heading(), problems);
        List<Item> items = new ArrayList<>();
        if (raw.items() == null || raw.items().isEmpty()) {
            problems.add(yaml.at(at, "a section needs at least one item under 'items'"));
        } else {
            for (int i = 0; i < raw.items().size(); i++) {
                item(yaml, folder, at + "/items/" + i, raw.items().get(i), problems)
                        .ifPresent(items::add);
            }
        }
        return new Issue.Section(raw.heading() == null ? "" : raw.heading().strip(), items);
    }

    private Optional<Item> item(
            YamlFile<?> yaml, IssueFolder folder, String at, IssueFile.ItemFile raw, Problems problems) {
        if (raw instanceof IssueFile.PaperFile paper) {
            boolean ok = required(yaml, at + "/title", paper.title(), problems);
            ok &= required(yaml, at + "/venue", paper.venue(), problems);
            ok &= required(yaml, at + "/summary", paper.summary(), problems);
            if (paper.authors() == null || paper.authors().isEmpty()) {
                problems.add(yaml.at(at + "/authors", "missing required key 'authors' (a list of names)"));
                ok = false;
            } else {
                for (int a = 0; a < paper.authors().size(); a++) {
                    ok &= required(yaml, at + "/authors/" + a, paper.authors().get(a), problems);
                }
            }
            Optional<URI> link = Optional.empty();
            if (required(yaml, at + "/link", paper.link(), problems)) {
                link = httpUrl(paper.link());
                if (link.isEmpty()) {
                    problems.add(yaml.at(at + "/link", "link '" + paper.link() + "' is not an absolute http(s) URL"));
                }
            }
            Optional<Image> image = ItemImages.read(yaml, folder, at, paper.image(), paper.alt(), problems);
            ok &= paper.image() == null || image.isPresent();
            Optional<Markdown> summary =
                    paper.summary() == null || paper.summary().isBlank()
                            ? Optional.empty()
                            : Optional.of(markdown(yaml, folder, at + "/summary", paper.summary(), problems));
            if (!ok || link.isEmpty() || summary.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Item.Paper(
                    paper.title().strip(),
                    paper.authors().stream().map(String::strip).toList(),
                    paper.venue().strip(),
                    summary.get(),
                    link.get(),
                    image));
        }
        if (raw instanceof IssueFile.TextFile text) {
            if (!required(yaml, at + "/body", text.body(), problems)) {
                return Optional.empty();
            }
            return Optional.of(new Item.Text(markdown(yaml, folder, at + "/body", text.body(), problems)));
        }
        problems.add(yaml.at(at, "empty item; give it a 'type' (paper or text)"));
        return Optional.empty();
    }

    private static boolean required(YamlFile<?> yaml, String pointer, String value, Problems problems) {
        if (value == null || value.isBlank()) {
            String key = pointer.substring(pointer.lastIndexOf('/') + 1);
            problems.add(yaml.at(pointer, "missing required key '" + key + "'"));
            return false;
        }
        return true;
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }

    static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
