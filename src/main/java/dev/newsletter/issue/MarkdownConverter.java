package dev.newsletter.issue;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to HTML for issue text. Raw HTML in the Markdown is escaped, not passed through, and
 * link targets other than http(s) and mailto are dropped, so an issue file cannot smuggle script
 * into the email.
 */
final class MarkdownConverter {
    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    Markdown convert(String source) {
        String text = source.strip();
        Node document = parser.parse(text);
        return new Markdown(text, renderer.render(document).strip());
    }
}
