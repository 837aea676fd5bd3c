package dev.newsletter.issue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One issue of the newsletter, read and validated from {@code issues/<id>.yaml}. A {@code draft}
 * issue can be checked, tested and sent, but is not published on the site. Its {@code attachments}
 * go with every message (never on the web page).
 */
public record Issue(
        String id,
        String newsletter,
        String subject,
        String preheader,
        LocalDate date,
        Optional<Markdown> intro,
        List<Section> sections,
        boolean draft,
        List<Attachment> attachments) {

    public Issue {
        sections = List.copyOf(sections);
        attachments = List.copyOf(attachments);
    }

    /** An issue without attachments. */
    public Issue(
            String id,
            String newsletter,
            String subject,
            String preheader,
            LocalDate date,
            Optional<Markdown> intro,
            List<Section> sections,
            boolean draft) {
        this(id, newsletter, subject, preheader, date, intro, sections, draft, List.of());
    }

    /**
     * Every picture of the issue in files next to it — items' {@code image:} and the Markdown
     * texts' — in the order they appear, each file once.
     */
    public List<Image> images() {
        Map<String, Image> byPath = new LinkedHashMap<>();
        Stream<Image> intro = this.intro.stream().flatMap(text -> text.images().stream());
        Stream<Image> items = sections.stream()
                .flatMap(section -> section.items().stream())
                .flatMap(item -> item instanceof Item.Paper paper
                        ? Stream.concat(paper.image().stream(), paper.summary().images().stream())
                        : ((Item.Text) item).body().images().stream());
        Stream.concat(intro, items).forEach(image -> byPath.putIfAbsent(image.path(), image));
        return List.copyOf(byPath.values());
    }

    /** A heading and its items, in order. */
    public record Section(String heading, List<Item> items) {
        public Section {
            items = List.copyOf(items);
        }
    }
}
