package dev.newsletter.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
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

    Markdown convert(String source) {
        String text = source.strip();
        Node document = parser.parse(text);
        UnsafeDestinations unsafe = new UnsafeDestinations();
        document.accept(unsafe);
        unsafe.found.forEach(MarkdownConverter::unwrap);
        return new Markdown(text, renderer.render(document).strip());
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
        StringBuilder url = new StringBuilder(destination.length());
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c > ' ' && c != 0x7f) {
                url.append(c);
            }
        }
        String lower = url.toString().toLowerCase(Locale.ROOT);
        return !SCHEME.matcher(lower).find() || schemes.stream().anyMatch(scheme -> lower.startsWith(scheme + ":"));
    }

    /** Collects the links and images whose destination is not one we keep. */
    private static final class UnsafeDestinations extends AbstractVisitor {
        private static final List<String> LINKS = List.of("http", "https", "mailto");
        private static final List<String> IMAGES = List.of("http", "https");

        private final List<Node> found = new ArrayList<>();

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
            }
            visitChildren(image);
        }
    }
}
