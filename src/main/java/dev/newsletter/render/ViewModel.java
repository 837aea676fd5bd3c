package dev.newsletter.render;

import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.Item;
import dev.newsletter.issue.Markdown;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Turns the domain (issue, subscriber, links) into the variables templates see. The issue part is
 * built once per issue; the subscriber part per message. Every map is strict: unknown keys fail.
 */
final class ViewModel {
    private static final DateTimeFormatter ISSUE_DATE = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private ViewModel() {}

    /** @param src the {@code src} of each picture next to the issue */
    static Map<String, Object> issue(Issue issue, Function<Image, String> src) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", issue.id());
        model.put("newsletter", issue.newsletter());
        model.put("subject", issue.subject());
        model.put("preheader", issue.preheader());
        model.put("date", ISSUE_DATE.format(issue.date()));
        model.put("intro", issue.intro().map(text -> markdown(text, src)).orElse(null));
        model.put(
                "sections", issue.sections().stream().map(s -> section(s, src)).toList());
        return new StrictModel("issue", model);
    }

    /** The subscriber's variables; {@code value} gives each {@link PersonalFields} field's value by index. */
    static Map<String, Object> subscriber(PersonalFields fields, IntFunction<Object> value) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (int i = PersonalFields.ATTRIBUTES; i < fields.size(); i++) {
            attributes.put(fields.name(i), fresh(value, i));
        }
        return new StrictModel(
                "subscriber",
                Map.of(
                        "email",
                        fresh(value, PersonalFields.EMAIL),
                        "name",
                        fresh(value, PersonalFields.NAME),
                        "firstName",
                        fresh(value, PersonalFields.FIRST_NAME),
                        "attributes",
                        new StrictModel("subscriber.attributes", attributes)));
    }

    private static StrictModel.Fresh fresh(IntFunction<Object> value, int field) {
        return () -> value.apply(field);
    }

    static Map<String, Object> links(IntFunction<Object> value, String webVersion) {
        return new StrictModel(
                "links", Map.of("unsubscribe", fresh(value, PersonalFields.UNSUBSCRIBE), "webVersion", webVersion));
    }

    /** The subscriber of a web page: nobody, every field empty. */
    static Map<String, Object> nobody() {
        return new StrictModel(
                "subscriber",
                Map.of(
                        "email",
                        "",
                        "name",
                        "",
                        "firstName",
                        "",
                        "attributes",
                        new StrictModel("subscriber.attributes", Map.of())));
    }

    /** The links of a web page: no unsubscribe link (there is nobody to unsubscribe), a subscribe link. */
    static Map<String, Object> webLinks(String webVersion, String subscribe) {
        return new StrictModel("links", Map.of("unsubscribe", "", "webVersion", webVersion, "subscribe", subscribe));
    }

    static Map<String, Object> sender(String name, String address, String listId) {
        return new StrictModel("sender", Map.of("name", name, "address", address, "listId", listId));
    }

    private static Map<String, Object> section(Issue.Section section, Function<Image, String> src) {
        return new StrictModel(
                "section",
                Map.of(
                        "heading",
                        section.heading(),
                        "items",
                        section.items().stream().map(i -> item(i, src)).toList()));
    }

    private static Map<String, Object> item(Item item, Function<Image, String> src) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", item.type());
        if (item instanceof Item.Paper paper) {
            model.put("title", paper.title());
            model.put("authors", paper.authors());
            model.put("authorLine", String.join(", ", paper.authors()));
            model.put("venue", paper.venue());
            model.put("summary", markdown(paper.summary(), src));
            model.put("link", paper.link().toString());
            model.put("image", paper.image().map(image -> image(image, src)).orElse(null));
        } else if (item instanceof Item.Text text) {
            model.put("body", markdown(text.body(), src));
        }
        return new StrictModel("item", model);
    }

    private static Map<String, Object> image(Image image, Function<Image, String> src) {
        return new StrictModel(
                "image",
                Map.of("src", src.apply(image), "alt", image.alt(), "width", image.width(), "height", image.height()));
    }

    private static Map<String, Object> markdown(Markdown markdown, Function<Image, String> src) {
        return new StrictModel("markdown", Map.of("html", markdown.html(src), "text", markdown.source()));
    }

    static List<String> names() {
        return List.of("issue", "subscriber", "links", "sender", "web");
    }
}
