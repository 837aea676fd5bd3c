package dev.newsletter.issue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One issue of the newsletter, read and validated from {@code issues/<id>.yaml}. A {@code draft}
 * issue can be checked, tested and sent, but is not published on the site.
 */
public record Issue(
        String id,
        String newsletter,
        String subject,
        String preheader,
        LocalDate date,
        Optional<Markdown> intro,
        List<Section> sections,
        boolean draft) {

    public Issue {
        sections = List.copyOf(sections);
    }

    /** A heading and its items, in order. */
    public record Section(String heading, List<Item> items) {
        public Section {
            items = List.copyOf(items);
        }
    }
}
