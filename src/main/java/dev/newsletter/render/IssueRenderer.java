package dev.newsletter.render;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import dev.newsletter.issue.Issue;
import dev.newsletter.render.stencil.PrerenderedShapes;
import dev.newsletter.render.stencil.PrerenderedShapes.Bodies;
import dev.newsletter.render.stencil.PrerenderedShapes.FullRender;
import dev.newsletter.subscriber.Subscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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
 *
 * <p>That is the plain path, {@link #render} with Thymeleaf for every message. Unless the
 * environment says {@code NEWSLETTER_PLAIN_RENDER=1}, most messages instead come from
 * {@code render.stencil}: the same bytes, each subscriber shape rendered once with Thymeleaf.
 */
public final class IssueRenderer {
    public static final String HTML_TEMPLATE = "issue.html";
    public static final String TEXT_TEMPLATE = "issue.txt";

    /** Plain-text lines are wrapped at this width (RFC 3676 suggests 78; 76 leaves room for quoting). */
    public static final int TEXT_WIDTH = 76;

    private final Path templatesDir;
    private final Map<String, String> environment;
    private final TemplateEngine engine;
    private final CssInliner inliner = new CssInliner();

    /** A renderer for the templates in {@code templatesDir}, switched by the process environment. */
    public IssueRenderer(Path templatesDir) {
        this(templatesDir, System.getenv());
    }

    /** A renderer that renders every message through Thymeleaf: no stencils to prepare (for a message or two). */
    public static IssueRenderer plain(Path templatesDir) {
        return new IssueRenderer(templatesDir, Map.of(PrerenderedShapes.SWITCH, "1"));
    }

    /**
     * A renderer whose {@code environment} may hold {@link PrerenderedShapes#SWITCH}, which turns
     * pre-rendered messages off.
     */
    public IssueRenderer(Path templatesDir, Map<String, String> environment) {
        this.templatesDir = templatesDir;
        this.environment = environment;
        this.engine = new TemplateEngine();
        engine.addTemplateResolver(resolver(templatesDir, "*.html", TemplateMode.HTML, 1));
        engine.addTemplateResolver(resolver(templatesDir, "*.txt", TemplateMode.TEXT, 2));
        warmUp(engine);
    }

    /**
     * Starts the engine's one-time set-up (its dialects and processors, a few hundred classes, a
     * tenth of a second) on a thread of its own, so that it runs on the other core while the issue
     * is read; the first render waits for it (Thymeleaf sets up under its own lock, once).
     */
    private static void warmUp(TemplateEngine engine) {
        Thread warmUp = new Thread(
                () -> {
                    try {
                        engine.getConfiguration();
                    } catch (RuntimeException e) {
                        // the first render sets up again and reports it where it is seen
                    }
                },
                "template-engine-set-up");
        warmUp.setDaemon(true);
        warmUp.start();
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

    /** {@link #prepare(Issue, Sender, Pictures)} for an issue without pictures (tests). */
    public PreparedIssue prepare(Issue issue, Sender sender) {
        return prepare(issue, sender, Pictures.linked(""));
    }

    /** {@link #prepare(Issue, Sender, Pictures)} with pictures linked under {@code baseUrl}. */
    public PreparedIssue prepare(Issue issue, Sender sender, String baseUrl) {
        return prepare(issue, sender, Pictures.linked(baseUrl));
    }

    /**
     * Prepares an issue for rendering: checks the templates exist and builds the issue's view model
     * once, with the pictures' {@code src} as {@code pictures} says (the web page's model links them
     * under {@code baseUrl}, where {@code publish} puts them).
     */
    public PreparedIssue prepare(Issue issue, Sender sender, Pictures pictures) {
        for (String name : new String[] {HTML_TEMPLATE, TEXT_TEMPLATE}) {
            if (!Files.isRegularFile(templatesDir.resolve(name))) {
                throw InvalidInputException.of(Problem.inFile(templatesDir.resolve(name), "template not found"));
            }
        }
        Map<String, Object> web = ViewModel.issue(issue, pictures::onWeb);
        return new PreparedIssue(
                issue,
                pictures.embedded() ? ViewModel.issue(issue, pictures::inMessage) : web,
                web,
                ViewModel.sender(sender.name(), sender.address(), sender.listId()),
                PrerenderedShapes.forTemplates(templatesDir, environment, CssInliner::hasStyle));
    }

    /**
     * Renders one message. A template error (syntax, unknown variable) becomes an
     * {@link InvalidInputException} naming the template, line and column.
     */
    public RenderedEmail render(PreparedIssue prepared, Subscriber subscriber, Links links, String subject) {
        PersonalFields fields = PersonalFields.of(subscriber, links.unsubscribe());
        FullRender thymeleaf = value -> renderWithThymeleaf(prepared, fields, value, links.webVersion());
        Bodies bodies = prepared.prerendered.isEmpty()
                ? thymeleaf.render(fields::value)
                : prepared.prerendered.get().bodies(fields, thymeleaf); // render.stencil: same bytes, less CPU
        return new RenderedEmail(subject, bodies.html(), TextWrap.wrap(bodies.text(), TEXT_WIDTH));
    }

    /** Both templates through Thymeleaf, with each personal field's value given by {@code value}. */
    private Bodies renderWithThymeleaf(
            PreparedIssue prepared, PersonalFields fields, IntFunction<Object> value, String webVersion) {
        Context context = new Context();
        context.setVariable("issue", prepared.model);
        context.setVariable("sender", prepared.sender);
        context.setVariable("subscriber", ViewModel.subscriber(fields, value));
        context.setVariable("links", ViewModel.links(value, webVersion));
        context.setVariable("web", false);
        return new Bodies(
                AsciiHtml.of(inliner.inline(process(HTML_TEMPLATE, context))), process(TEXT_TEMPLATE, context));
    }

    /**
     * The issue's web page: the HTML template with {@code web} true, nobody's name, address, token or
     * unsubscribe link ({@code subscriber} fields are empty), and {@code links.subscribe} for the
     * template to offer instead. Templates hide their personal parts with {@code th:if="${!web}"}.
     */
    public String renderWeb(PreparedIssue prepared, String webVersion, String subscribe) {
        Context context = new Context();
        context.setVariable("issue", prepared.webModel);
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

    /**
     * The issue with its view model built once, ready to render per subscriber; keeps its
     * pre-rendered messages, if it has any.
     */
    public static final class PreparedIssue {
        private final Issue issue;
        private final Map<String, Object> model;
        private final Map<String, Object> webModel;
        private final Map<String, Object> sender;
        private final Optional<PrerenderedShapes> prerendered;

        private PreparedIssue(
                Issue issue,
                Map<String, Object> model,
                Map<String, Object> webModel,
                Map<String, Object> sender,
                Optional<PrerenderedShapes> prerendered) {
            this.issue = issue;
            this.model = model;
            this.webModel = webModel;
            this.sender = sender;
            this.prerendered = prerendered;
        }

        public Issue issue() {
            return issue;
        }

        /** How many subscriber shapes are filled into pre-rendered messages, 0 without them (for tests). */
        public long prerenderedShapes() {
            return prerendered.map(PrerenderedShapes::shapes).orElse(0L);
        }
    }

    /** The sender identity templates may show. */
    public record Sender(String name, String address, String listId) {}

    /** Per-subscriber links. */
    public record Links(String unsubscribe, String webVersion) {}
}
