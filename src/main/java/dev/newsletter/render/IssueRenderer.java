package dev.newsletter.render;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.issue.Issue;
import dev.newsletter.render.stencil.PrerenderedShapes;
import dev.newsletter.render.stencil.TemplateSourceCheck;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntFunction;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders an issue for one subscriber with the project's Thymeleaf templates: {@code issue.html}
 * (HTML mode) and its plain-text twin {@code issue.txt} (TEXT mode). One engine per project, with
 * parsed templates cached; the issue's view model is built once; only the subscriber part changes
 * per message. Subscriber data reaches HTML only through escaping expressions. A {@code <style>}
 * block in the HTML template is inlined into style attributes ({@link CssInliner}), and non-ASCII
 * characters become character references ({@link AsciiHtml}); the text part comes from its own
 * template, never from the HTML.
 */
public final class IssueRenderer {
    public static final String HTML_TEMPLATE = "issue.html";
    public static final String TEXT_TEMPLATE = "issue.txt";

    /** Plain-text lines are wrapped at this width (RFC 3676 suggests 78; 76 leaves room for quoting). */
    public static final int TEXT_WIDTH = 76;

    private final Path templatesDir;
    private final TemplateEngine engine;
    private final CssInliner inliner = new CssInliner();

    public IssueRenderer(Path templatesDir) {
        this.templatesDir = templatesDir;
        this.engine = new TemplateEngine();
        engine.addTemplateResolver(resolver(templatesDir, "*.html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver(templatesDir, "*.txt", TemplateMode.TEXT, 2));
    }

    private static FileTemplateResolver resolver(Path dir, String pattern, TemplateMode mode, int order) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(dir.toAbsolutePath() + "/");
        resolver.setResolvablePatterns(java.util.Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** {@link #prepare(Issue, Sender, String)} for an issue without pictures (tests). */
    public PreparedIssue prepare(Issue issue, Sender sender) {
        return prepare(issue, sender, "");
    }

    /**
     * Prepares an issue for rendering: checks the templates exist and builds the issue's view model
     * once; items' pictures are linked under {@code baseUrl}, where {@code publish} puts them.
     */
    public PreparedIssue prepare(Issue issue, Sender sender, String baseUrl) {
        for (String name : new String[] {HTML_TEMPLATE, TEXT_TEMPLATE}) {
            if (!Files.isRegularFile(templatesDir.resolve(name))) {
                throw InvalidInputException.of(Problem.inFile(templatesDir.resolve(name), "template not found"));
            }
        }
        return new PreparedIssue(
                issue,
                ViewModel.issue(issue, baseUrl),
                ViewModel.sender(sender.name(), sender.address(), sender.listId()),
                new PrerenderedShapes(TemplateSourceCheck.of(templatesDir)));
    }

    /**
     * Renders one message. A template error (syntax, unknown variable) becomes an
     * {@link InvalidInputException} naming the template, line and column. Messages come from the
     * issue's stencils where the template allows ({@link PrerenderedShapes}): the same bytes as a full
     * render, at a fraction of the cost.
     */
    public RenderedEmail render(PreparedIssue prepared, Subscriber subscriber, Links links, String subject) {
        PersonalFields fields = PersonalFields.of(subscriber, links.unsubscribe());
        PrerenderedShapes.Bodies bodies = prepared.stencils.bodies(
                fields, (personal, value) -> renderFully(prepared, personal, value, links.webVersion()));
        return new RenderedEmail(subject, bodies.html(), TextWrap.wrap(bodies.text(), TEXT_WIDTH));
    }

    private PrerenderedShapes.Bodies renderFully(
            PreparedIssue prepared, PersonalFields fields, IntFunction<Object> value, String webVersion) {
        Context context = new Context();
        context.setVariable("issue", prepared.model);
        context.setVariable("sender", prepared.sender);
        context.setVariable("subscriber", ViewModel.subscriber(fields, value));
        context.setVariable("links", ViewModel.links(value, webVersion));
        context.setVariable("web", false);
        return new PrerenderedShapes.Bodies(
                AsciiHtml.of(inliner.inline(process(HTML_TEMPLATE, context))), process(TEXT_TEMPLATE, context));
    }

    /**
     * The issue's web page: the HTML template with {@code web} true, nobody's name, address, token or
     * unsubscribe link ({@code subscriber} fields are empty), and {@code links.subscribe} for the
     * template to offer instead. Templates hide their personal parts with {@code th:if="${!web}"}.
     */
    public String renderWeb(PreparedIssue prepared, String webVersion, String subscribe) {
        Context context = new Context();
        context.setVariable("issue", prepared.model);
        context.setVariable("sender", prepared.sender);
        context.setVariable("subscriber", ViewModel.nobody());
        context.setVariable("links", ViewModel.webLinks(webVersion, subscribe));
        context.setVariable("web", true);
        return AsciiHtml.of(inliner.inline(process(HTML_TEMPLATE, context)));
    }

    private String process(String template, Context context) {
        try {
            return engine.process(template, context);
        } catch (TemplateProcessingException e) {
            throw InvalidInputException.of(problemOf(template, e));
        }
    }

    /** Where the template error is (the fragment, when it is in one) and what it is, in a user's words. */
    private Problem problemOf(String template, TemplateProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof UnknownVariableException ? root.getMessage() : e.getMessage();
        Path file = templatesDir.resolve(e.getTemplateName() == null ? template : e.getTemplateName());
        int line = e.getLine() == null ? 0 : e.getLine();
        int column = e.getCol() == null ? 0 : e.getCol();
        return new Problem(file, line, column, clean(message));
    }

    private static String clean(String message) {
        return message == null ? "template error" : message.replaceAll("\\s*\\(template: .*$", "");
    }

    /** The issue with its view model built once, ready to render per subscriber; keeps its stencils. */
    public static final class PreparedIssue {
        private final Issue issue;
        private final Map<String, Object> model;
        private final Map<String, Object> sender;
        private final PrerenderedShapes stencils;

        private PreparedIssue(
                Issue issue, Map<String, Object> model, Map<String, Object> sender, PrerenderedShapes stencils) {
            this.issue = issue;
            this.model = model;
            this.sender = sender;
            this.stencils = stencils;
        }

        public Issue issue() {
            return issue;
        }

        /** How many subscriber shapes are rendered from stencils (for tests). */
        long stencilled() {
            return stencils.stencilled();
        }
    }

    /** The sender identity templates may show. */
    public record Sender(String name, String address, String listId) {}

    /** Per-subscriber links. */
    public record Links(String unsubscribe, String webVersion) {}
}
