package dev.newsletter.render;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.Jsoup;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Renders the short mails around a subscription: {@code confirm.html}/{@code confirm.txt} (the
 * double opt-in link) and {@code welcome.html}/{@code welcome.txt}, with the conventions of {@link
 * IssueRenderer}: one engine, HTML and TEXT modes by file name, strict variables (an unknown one is
 * an error naming it), CSS inlined, non-ASCII as character references, text wrapped. The subject is
 * the HTML template's {@code <title>}.
 *
 * <p>Variables: {@code sender} ({@code name}, {@code address}, {@code listId}), {@code list} (the
 * list's name), {@code subscriber} ({@code email}, {@code name}; the name is empty in confirmation
 * mails: whoever fills in a form may type anything there, and it would go to someone else's mailbox),
 * {@code links} ({@code confirm}, {@code unsubscribe}).
 */
public final class NoticeRenderer {
    private final Path templatesDir;
    private final TemplateEngine engine = new TemplateEngine();
    private final CssInliner inliner = new CssInliner();

    public NoticeRenderer(Path templatesDir) {
        this.templatesDir = templatesDir;
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

    /** Whether the project has both templates of {@code name} ({@code confirm}, {@code welcome}). */
    public boolean has(String name) {
        return Files.isRegularFile(templatesDir.resolve(name + ".html"))
                && Files.isRegularFile(templatesDir.resolve(name + ".txt"));
    }

    /** What a notice shows. */
    public record Values(
            String senderName,
            String senderAddress,
            String listId,
            String list,
            String email,
            String name,
            String confirmLink,
            String unsubscribeLink) {}

    /**
     * Renders notice {@code name}.
     *
     * @throws InvalidInputException for a missing template, a template error (naming file, line and
     *     column) or an HTML template without a {@code <title>}
     */
    public RenderedEmail render(String name, Values values) {
        for (String file : new String[] {name + ".html", name + ".txt"}) {
            if (!Files.isRegularFile(templatesDir.resolve(file))) {
                throw InvalidInputException.of(Problem.inFile(templatesDir.resolve(file), "template not found"));
            }
        }
        Context context = new Context();
        context.setVariable("sender", ViewModel.sender(values.senderName(), values.senderAddress(), values.listId()));
        context.setVariable("list", values.list());
        context.setVariable(
                "subscriber", new StrictModel("subscriber", Map.of("email", values.email(), "name", values.name())));
        context.setVariable(
                "links",
                new StrictModel(
                        "links", Map.of("confirm", values.confirmLink(), "unsubscribe", values.unsubscribeLink())));
        String html = process(name + ".html", context);
        String subject = Jsoup.parse(html).title().strip();
        if (subject.isEmpty()) {
            throw InvalidInputException.of(Problem.inFile(
                    templatesDir.resolve(name + ".html"), "the template needs a <title>: it is the mail's subject"));
        }
        return new RenderedEmail(
                subject,
                AsciiHtml.of(inliner.inline(html)),
                TextWrap.wrap(process(name + ".txt", context), IssueRenderer.TEXT_WIDTH));
    }

    private String process(String template, Context context) {
        try {
            return engine.process(template, context);
        } catch (TemplateProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root instanceof UnknownVariableException ? root.getMessage() : e.getMessage();
            Path file = templatesDir.resolve(e.getTemplateName() == null ? template : e.getTemplateName());
            throw InvalidInputException.of(new Problem(
                    file,
                    e.getLine() == null ? 0 : e.getLine(),
                    e.getCol() == null ? 0 : e.getCol(),
                    message == null ? "template error" : message.replaceAll("\\s*\\(template: .*$", "")));
        }
    }
}
