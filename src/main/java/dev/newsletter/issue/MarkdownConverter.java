package dev.newsletter.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML for issue text. Raw HTML in the Markdown is escaped, not passed through, and of
 * the URL schemes only http(s) and mailto links and http(s) images are kept: a link with any other
 * scheme ({@code javascript:}, {@code data:}) becomes its text and such an image its alt text, so an
 * issue file cannot smuggle script or an inline document into the email. A destination is judged as
 * a browser reads it: case does not matter, and spaces, tabs, line breaks and control characters
 * (which browsers drop from a URL) do not hide a scheme. A relative link has no scheme and is kept,
 * so that {@code check} can name it (it fails the {@code links} check: mail needs absolute URLs).
 */
final class MarkdownConverter {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .build();

    /** Finds the file of a picture the text names by a relative path, or reports why it cannot. */
    @FunctionalInterface
    interface LocalImages {
        /** The picture at {@code destination} with {@code alt}, or empty after reporting a problem. */
        Optional<dev.newsletter.issue.Image> find(String destination, String alt);

        /** Leaves relative pictures as they are (for {@code check} to name). */
        LocalImages NONE = (destination, alt) -> Optional.empty();
    }

    Markdown convert(String source) {
        return convert(source, LocalImages.NONE);
    }

    /**
     * Converts {@code source}; each picture with a relative destination is a file next to the issue,
     * found by {@code local}, and its {@code src} a placeholder that {@link Markdown#html} fills in.
     */
    Markdown convert(String source, LocalImages local) {
        String text = source.strip();
        Node document = parser.parse(text);
        UnsafeDestinations unsafe = new UnsafeDestinations();
        document.accept(unsafe);
        unsafe.found.forEach(MarkdownConverter::unwrap);
        List<dev.newsletter.issue.Image> images = new ArrayList<>();
        for (Image node : unsafe.relativeImages) {
            local.find(node.getDestination(), altText(node)).ifPresent(image -> {
                int index = images.indexOf(image);
                if (index < 0) {
                    index = images.size();
                    images.add(image);
                }
                node.setDestination(Markdown.PLACEHOLDER + index);
            });
        }
        if (images.isEmpty()) {
            return new Markdown(text, renderer.render(document).strip());
        }
        HtmlRenderer sized = HtmlRenderer.builder()
                .escapeHtml(true)
                .sanitizeUrls(true)
                .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
                .attributeProviderFactory(context -> new PictureSize(images))
                .build();
        return new Markdown(text, sized.render(document).strip(), images);
    }

    /** The alt text of a Markdown image: its text, without markup. */
    private static String altText(Image image) {
        StringBuilder alt = new StringBuilder();
        image.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Text text) {
                alt.append(text.getLiteral());
            }

            @Override
            public void visit(org.commonmark.node.Code code) {
                alt.append(code.getLiteral());
            }
        });
        return alt.toString();
    }

    /** Width and height from the file on each picture next to the issue, as on an item's picture. */
    private record PictureSize(List<dev.newsletter.issue.Image> images) implements AttributeProvider {
        @Override
        public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
            String src = attributes.getOrDefault("src", "");
            if (node instanceof Image && src.startsWith(Markdown.PLACEHOLDER)) {
                dev.newsletter.issue.Image image =
                        images.get(Integer.parseInt(src.substring(Markdown.PLACEHOLDER.length())));
                attributes.put("width", Integer.toString(image.width()));
                attributes.put("height", Integer.toString(image.height()));
            }
        }
    }

    /** Replaces a link by its text, an image by its alt text. */
    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("^[a-z][a-z0-9+.-]*:");

    /**
     * Whether {@code destination}, read as a browser reads it, is relative (no scheme) or starts with
     * one of {@code schemes}.
     */
    static boolean kept(String destination, List<String> schemes) {
        String lower = asBrowsersRead(destination);
        return !SCHEME.matcher(lower).find() || schemes.stream().anyMatch(scheme -> lower.startsWith(scheme + ":"));
    }

    /** Whether {@code destination}, read as a browser reads it, has no scheme. */
    static boolean relative(String destination) {
        return !SCHEME.matcher(asBrowsersRead(destination)).find();
    }

    private static String asBrowsersRead(String destination) {
        StringBuilder url = new StringBuilder(destination.length());
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c > ' ' && c != 0x7f) {
                url.append(c);
            }
        }
        return url.toString().toLowerCase(Locale.ROOT);
    }

    /** Collects the links and images whose destination is not one we keep. */
    private static final class UnsafeDestinations extends AbstractVisitor {
        private static final List<String> LINKS = List.of("http", "https", "mailto");
        private static final List<String> IMAGES = List.of("http", "https");

        private final List<Node> found = new ArrayList<>();
        private final List<Image> relativeImages = new ArrayList<>();

        @Override
        public void visit(Link link) {
            if (!kept(link.getDestination(), LINKS)) {
                found.add(link);
            }
            visitChildren(link);
        }

        @Override
        public void visit(Image image) {
            if (!kept(image.getDestination(), IMAGES)) {
                found.add(image);
            } else if (relative(image.getDestination())) {
                relativeImages.add(image);
            }
            visitChildren(image);
        }
    }
}
