package dev.newsletter.render;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.cssparser.dom.AbstractCSSRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleDeclarationImpl;
import org.htmlunit.cssparser.dom.CSSStyleRuleImpl;
import org.htmlunit.cssparser.dom.CSSStyleSheetImpl;
import org.htmlunit.cssparser.dom.Property;
import org.htmlunit.cssparser.parser.CSSErrorHandler;
import org.htmlunit.cssparser.parser.CSSException;
import org.htmlunit.cssparser.parser.CSSOMParser;
import org.htmlunit.cssparser.parser.CSSParseException;
import org.htmlunit.cssparser.parser.InputSource;
import org.htmlunit.cssparser.parser.javacc.CSS3Parser;
import org.htmlunit.cssparser.parser.selector.Selector;
import org.htmlunit.cssparser.parser.selector.SelectorSpecificity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector.SelectorParseException;

/**
 * Moves a template's {@code <style>} rules into {@code style} attributes, because Outlook and many
 * webmail clients ignore style sheets. What cannot be inlined stays in one {@code <style>} in the
 * head: media queries, {@code @font-face} and other at-rules, and rules whose selector needs a live
 * browser ({@code :hover}, {@code ::before}, anything jsoup cannot evaluate).
 *
 * <p>Cascade, per element and property: {@code !important} beats normal; then inline beats the style
 * sheet; then higher specificity; then the later rule. Inlined declarations lose their
 * {@code !important} (the head's media queries need theirs to override inline styles). The style
 * attribute lists the winners from weakest to strongest, so a later shorthand still overrides an
 * earlier longhand as it would have in the browser; longhands are not expanded.
 *
 * <p>Leave a block alone with {@code <style data-inline="false">}. Values are written as the CSS
 * parser normalizes them, with colours as {@code #rrggbb} and strings in single quotes, so they sit
 * well inside a double-quoted attribute. Elements no rule matches keep their style attribute byte for
 * byte; a document without a {@code <style>} element is returned unchanged. Thread-safe; parsed
 * style sheets are cached by their text.
 */
public final class CssInliner {
    private static final Pattern STYLE_TAG = Pattern.compile("<style[\\s>]", Pattern.CASE_INSENSITIVE);
    private static final Pattern RGB = Pattern.compile("rgb\\((\\d{1,3}), (\\d{1,3}), (\\d{1,3})\\)");
    private static final Pattern UNIVERSAL = Pattern.compile("(^|[\\s>+~,(])\\*(?=[.#\\[:])");
    private static final Pattern DOUBLE_QUOTED = Pattern.compile("\"((?:[^\"'\\\\]|\\\\.)*)\"");
    private static final int CACHE_LIMIT = 64;

    private final Map<String, Sheet> sheets = new ConcurrentHashMap<>();

    /** Whether {@code html} (a document or a template) has a {@code <style>} block the inliner would read. */
    public static boolean hasStyle(String html) {
        return STYLE_TAG.matcher(html).find();
    }

    /** Inlines the {@code <style>} blocks of an HTML document; see the class comment. */
    public String inline(String html) {
        if (!hasStyle(html)) {
            return html;
        }
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false).charset("UTF-8");
        List<Element> blocks = new ArrayList<>();
        StringBuilder css = new StringBuilder();
        for (Element style : doc.select("style")) {
            if ("false".equalsIgnoreCase(style.attr("data-inline"))) {
                continue;
            }
            blocks.add(style);
            css.append(style.data()).append('\n');
        }
        if (blocks.isEmpty()) {
            return html;
        }
        Sheet sheet = sheet(css.toString());
        Map<Element, List<Declaration>> matched = new IdentityHashMap<>();
        List<String> kept = new ArrayList<>(sheet.kept());
        int order = 0;
        for (Rule rule : sheet.rules()) {
            Elements elements;
            try {
                elements = doc.select(rule.selector());
            } catch (SelectorParseException e) {
                kept.add(rule.cssText());
                continue;
            }
            for (Element element : elements) {
                List<Declaration> list = matched.computeIfAbsent(element, e -> new ArrayList<>());
                for (Map.Entry<String, Value> property : rule.properties().entrySet()) {
                    list.add(new Declaration(
                            property.getKey(),
                            property.getValue().text(),
                            property.getValue().important(),
                            false,
                            rule.specificity(),
                            order++));
                }
            }
        }
        for (Map.Entry<Element, List<Declaration>> entry : matched.entrySet()) {
            applyTo(entry.getKey(), entry.getValue());
        }
        for (Element block : blocks) {
            if (block.previousSibling() instanceof org.jsoup.nodes.TextNode text && text.isBlank()) {
                text.remove();
            }
            block.remove();
        }
        if (!kept.isEmpty()) {
            Element style = doc.head().appendElement("style");
            style.attr("type", "text/css");
            style.appendChild(new org.jsoup.nodes.DataNode("\n" + String.join("\n", kept) + "\n"));
        }
        return doc.outerHtml();
    }

    private void applyTo(Element element, List<Declaration> fromSheet) {
        List<Declaration> all = new ArrayList<>(fromSheet);
        int order = Integer.MAX_VALUE / 2;
        for (Map.Entry<String, Value> inline :
                parseDeclarations(element.attr("style")).entrySet()) {
            all.add(new Declaration(
                    inline.getKey(), inline.getValue().text(), inline.getValue().important(), true, null, order++));
        }
        Map<String, Declaration> winners = new LinkedHashMap<>();
        for (Declaration d : all) {
            winners.merge(d.property(), d, (a, b) -> CASCADE.compare(a, b) >= 0 ? a : b);
        }
        StringBuilder style = new StringBuilder();
        winners.values().stream().sorted(CASCADE).forEach(d -> {
            if (style.length() > 0) {
                style.append(' ');
            }
            style.append(d.property()).append(':').append(d.value()).append(';');
        });
        element.attr("style", style.toString());
    }

    /** Weakest first: normal before important, sheet before inline, lower specificity, earlier. */
    private static final Comparator<Declaration> CASCADE = Comparator.comparing(Declaration::important)
            .thenComparing(Declaration::inline)
            .thenComparing((a, b) -> a.specificity() == null || b.specificity() == null
                    ? 0
                    : a.specificity().compareTo(b.specificity()))
            .thenComparingInt(Declaration::order);

    private Sheet sheet(String css) {
        Sheet cached = sheets.get(css);
        if (cached != null) {
            return cached;
        }
        Sheet parsed = parseSheet(css);
        if (sheets.size() < CACHE_LIMIT) {
            sheets.put(css, parsed);
        }
        return parsed;
    }

    private static Sheet parseSheet(String css) {
        CSSStyleSheetImpl sheet;
        try {
            CSSOMParser parser = new CSSOMParser(new CSS3Parser());
            parser.setErrorHandler(QUIET);
            sheet = parser.parseStyleSheet(new InputSource(new StringReader(css)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Rule> rules = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (AbstractCSSRuleImpl rule : sheet.getCssRules().getRules()) {
            if (rule instanceof CSSStyleRuleImpl styleRule) {
                Map<String, Value> properties = properties(styleRule.getStyle());
                for (Selector selector : styleRule.getSelectors()) {
                    String text = selector.toString();
                    if (text.contains("::")
                            || text.matches(
                                    ".*:(hover|active|focus|focus-within|focus-visible|visited|link|target|before|after|first-line|first-letter|placeholder|selection).*")) {
                        kept.add(normalize(text + " { " + styleRule.getStyle().getCssText() + " }"));
                    } else {
                        rules.add(new Rule(
                                text,
                                selector.getSelectorSpecificity(),
                                properties,
                                normalize(text + " { " + styleRule.getStyle().getCssText() + " }")));
                    }
                }
            } else {
                kept.add(normalize(rule.getCssText()));
            }
        }
        return new Sheet(List.copyOf(rules), List.copyOf(kept));
    }

    private static Map<String, Value> parseDeclarations(String style) {
        if (style.isBlank()) {
            return Map.of();
        }
        try {
            CSSOMParser parser = new CSSOMParser(new CSS3Parser());
            parser.setErrorHandler(QUIET);
            return properties(parser.parseStyleDeclaration(style));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Value> properties(CSSStyleDeclarationImpl declaration) {
        Map<String, Value> properties = new LinkedHashMap<>();
        for (Property property : declaration.getProperties()) {
            if (property.getValue() == null) {
                continue;
            }
            String name = property.getName().toLowerCase(Locale.ROOT);
            properties.remove(name); // a later declaration in the same block wins and keeps its place
            properties.put(name, new Value(normalize(property.getValue().getCssText()), property.isImportant()));
        }
        return properties;
    }

    /** Colours back to #rrggbb (the parser writes rgb()), strings in single quotes, {@code *.x} back to {@code .x}. */
    static String normalize(String css) {
        Matcher rgb = RGB.matcher(css);
        StringBuilder out = new StringBuilder();
        while (rgb.find()) {
            String hex = String.format(
                    Locale.ROOT,
                    "#%02x%02x%02x",
                    Math.min(255, Integer.parseInt(rgb.group(1))),
                    Math.min(255, Integer.parseInt(rgb.group(2))),
                    Math.min(255, Integer.parseInt(rgb.group(3))));
            rgb.appendReplacement(out, hex);
        }
        rgb.appendTail(out);
        String singleQuoted = DOUBLE_QUOTED.matcher(out.toString()).replaceAll("'$1'");
        return UNIVERSAL.matcher(singleQuoted).replaceAll("$1");
    }

    private static final CSSErrorHandler QUIET = new CSSErrorHandler() {
        @Override
        public void warning(CSSParseException e) throws CSSException {}

        @Override
        public void error(CSSParseException e) throws CSSException {}

        @Override
        public void fatalError(CSSParseException e) throws CSSException {}
    };

    private record Value(String text, boolean important) {}

    private record Rule(
            String selector, SelectorSpecificity specificity, Map<String, Value> properties, String cssText) {}

    private record Sheet(List<Rule> rules, List<String> kept) {}

    private record Declaration(
            String property,
            String value,
            boolean important,
            boolean inline,
            SelectorSpecificity specificity,
            int order) {}
}
