package dev.newsletter.issue;

import java.util.List;
import java.util.function.Function;

/**
 * A Markdown text from an issue file, with its HTML rendered once when the issue is read.
 *
 * <p>Its pictures in files next to the issue ({@code images}) have their {@code src} filled in
 * later, by {@link #html(Function)}: a URL under {@code baseUrl}, or a {@code cid:} URL when they
 * are embedded. Until then the HTML holds a placeholder per picture, {@code src="newsletter-image-N"}
 * (N its index in {@code images}); raw HTML in Markdown is escaped, so no text can write one.
 */
public record Markdown(String source, String template, List<Image> images) {
    static final String PLACEHOLDER = "newsletter-image-";

    public Markdown {
        images = List.copyOf(images);
    }

    /** A text without pictures of its own. */
    public Markdown(String source, String html) {
        this(source, html, List.of());
    }

    /** The HTML with each picture's {@code src} the path next to the issue file (relative to {@code baseUrl}). */
    public String html() {
        return html(image -> Html.relativeUrl(image.path()));
    }

    /** The HTML with each picture's {@code src} given by {@code src} (a URL, not yet escaped). */
    public String html(Function<Image, String> src) {
        if (images.isEmpty()) {
            return template;
        }
        String html = template;
        for (int i = 0; i < images.size(); i++) {
            html = html.replace(
                    "src=\"" + PLACEHOLDER + i + "\"", "src=\"" + Html.attribute(src.apply(images.get(i))) + "\"");
        }
        return html;
    }
}
