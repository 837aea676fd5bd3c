package dev.newsletter.render.stencil;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsletter.address.EmailAddress;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.IssueReader;
import dev.newsletter.render.CssInliner;
import dev.newsletter.render.IssueRenderer;
import dev.newsletter.render.RenderedEmail;
import dev.newsletter.subscriber.Status;
import dev.newsletter.subscriber.Subscriber;
import dev.newsletter.testing.SampleProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Messages filled into pre-rendered messages must be exactly what the plain path gives. Each case
 * renders many subscribers through one prepared issue with pre-rendering on and compares every
 * message, HTML and text, with the same subscriber's message rendered with the
 * {@link PrerenderedShapes#SWITCH switch} on (Thymeleaf for every message): for the sample issue
 * and templates, for templates that print every personal field, and for templates that do more with
 * a value than print it, which must fall back to full renders.
 */
class SameBytesAsPlainRenderTest {
    private static final IssueRenderer.Sender SENDER =
            new IssueRenderer.Sender("The PDL Packet", "packet@pdl.example.org", "packet.pdl.example.org");
    private static final String WEB = "https://pdl.example.org/newsletter/2024-fall.html";
    private static final Map<String, String> PRERENDERING = Map.of();
    private static final Map<String, String> PLAIN = Map.of(PrerenderedShapes.SWITCH, "1");

    /** Names that escaping, wrapping and the sentinel characters must all get right. */
    private static final List<String> NAMES = List.of(
            "Zoë Müller",
            "",
            "O'Brien & \"Sons\" <b>bold</b>",
            "<script>alert(1)</script> __${7*7}__ [[${7*7}]]",
            "Ann\u00a0Lee",
            "&amp; &lt; &#39;",
            "李 小龍",
            "A very long name that goes on and on so that the greeting line has to be wrapped in text",
            "Emoji 🎉 Person",
            "   ",
            "\t",
            "Back\\slash / and \"quotes\"",
            "Bob");

    @TempDir
    Path dir;

    private final Issue issue = new IssueReader().read(Path.of("issues/2024-fall.yaml"));

    @Test
    void theSampleTemplatesArePrerenderedAndEveryMessageMatchesThePlainRender() {
        IssueRenderer.PreparedIssue prepared = assertSameAsPlainRenders(Path.of("templates"));

        assertThat(prepared.prerenderedShapes())
                .as("shapes: with and without a name, with and without an affiliation")
                .isEqualTo(4);
    }

    @Test
    void templatesThatPrintEveryPersonalFieldMatchThePlainRender() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "templates/issue.html",
                "<body",
                "<p th:text=\"${subscriber.email}\">e</p>"
                        + "<p th:title=\"${subscriber.attributes['affiliation']}\" th:text=\"${subscriber.firstName}\">f</p>"
                        + "<p th:text=\"|${subscriber.attributes['affiliation']} (${subscriber.attributes['city']})|\">a</p>"
                        + "<a th:href=\"${links.unsubscribe}\">unsubscribe</a><body");
        project.replace(
                "templates/issue.txt",
                "[(${issue.newsletter})]",
                "[(${issue.newsletter})] for [(${subscriber.firstName})] <[(${subscriber.email})]>,"
                        + " [(${subscriber.attributes['affiliation']})] in [(${subscriber.attributes['city']})]"
                        + " [(${links.unsubscribe})]");

        IssueRenderer.PreparedIssue prepared = assertSameAsPlainRenders(project.resolve("templates"));

        assertThat(prepared.prerenderedShapes())
                .as("shapes: with and without a name, with and without an affiliation")
                .isEqualTo(4);
    }

    @Test
    void theSwitchRendersEveryMessageWithThymeleaf() {
        IssueRenderer plain = new IssueRenderer(Path.of("templates"), PLAIN);
        IssueRenderer.PreparedIssue prepared = plain.prepare(issue, SENDER);

        for (Subscriber subscriber : subscribers()) {
            plain.render(prepared, subscriber, links(subscriber), "s");
        }

        assertThat(prepared.prerenderedShapes()).isZero();
    }

    /** Ways a template can decide on a name rather than print it; each needs a full render per message. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "<p th:if=\"${subscriber.name.startsWith('B')}\">Hi Bob-like reader</p>",
                "<p th:if=\"${'Bob' == subscriber.name}\">Hi Bob</p>",
                "<p th:if=\"${subscriber.name == 'Bob'}\">Hi Bob</p>",
                "<p th:if=\"${#strings.length(subscriber.name) > 5}\">long</p><i th:text=\"${subscriber.name}\">n</i>",
                "<p th:if=\"${subscriber.name}\">truthy</p>",
                "<p th:switch=\"${subscriber.name}\"><b th:case=\"'Bob'\">Bob</b><b th:case=\"*\">other</b></p>",
                "<p th:text=\"${subscriber.name.length()}\">0</p>",
                "<script th:inline=\"javascript\">var reader = [[${subscriber.name}]];</script>",
            })
    void aTemplateThatDecidesOnAValueIsRenderedInFullForEveryNamedSubscriber(String snippet) {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace("templates/issue.html", "<body", snippet + "<body");
        IssueRenderer.PreparedIssue prepared = assertSameAsPlainRenders(project.resolve("templates"));

        assertThat(prepared.prerenderedShapes())
                .as("only the shapes without a name (with and without an affiliation) are stencilled")
                .isEqualTo(2);
    }

    @Test
    void aTemplateThatPrintsTheWholeSubscriberGetsItsValues() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace("templates/issue.txt", "[(${issue.newsletter})]", "[(${issue.newsletter})] [(${subscriber})]");
        IssueRenderer renderer = new IssueRenderer(project.resolve("templates"), PRERENDERING);

        assertSameAsPlainRenders(project.resolve("templates"));
        RenderedEmail email = renderer.render(
                renderer.prepare(issue, SENDER),
                subscribers().get(0),
                links(subscribers().get(0)),
                "s");
        // the map's order varies between JVMs, and so does where the long line is wrapped
        assertThat(email.text().replaceAll("\\s+", " "))
                .contains("email=reader0@xn--mller-kva.example", "name=Zoë Müller");
    }

    @Test
    void aTemplateThatTransformsAValueIsRenderedInFull() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "templates/issue.txt",
                "[(${issue.newsletter})]",
                "[(${issue.newsletter})] for [(${#strings.toUpperCase(subscriber.name)})]"
                        + " [(${#strings.abbreviate(subscriber.email, 10)})]");
        IssueRenderer.PreparedIssue prepared = assertSameAsPlainRenders(project.resolve("templates"));

        assertThat(prepared.prerenderedShapes()).isZero();
    }

    @Test
    void aValueInsideALinkExpressionIsUrlEncodedSoTheTemplateIsRenderedInFull() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "templates/issue.html",
                "<body",
                "<a th:href=\"@{https://pdl.example.org/profile(name=${subscriber.name})}\">profile</a><body");
        IssueRenderer.PreparedIssue prepared = assertSameAsPlainRenders(project.resolve("templates"));

        assertThat(prepared.prerenderedShapes())
                .as("only the shapes without a name are stencilled")
                .isEqualTo(2);
    }

    @Test
    void aStyleSheetToInlineStillMatchesAFullRender() {
        SampleProject project = SampleProject.copyTo(dir);
        project.replace(
                "templates/issue.html",
                "</head>",
                "<style>p { color: #123456; } a[title] { font-weight: bold; }</style></head>");
        project.replace(
                "templates/issue.html",
                "<body",
                "<a href=\"#\" th:title=\"${subscriber.name}\" th:text=\"${subscriber.name}\">n</a><body");
        assertThat(TemplateSourceCheck.refusal(project.resolve("templates"), CssInliner::hasStyle))
                .hasValue("issue.html has a <style> block to inline");
        assertThat(assertSameAsPlainRenders(project.resolve("templates")).prerenderedShapes())
                .isZero();
    }

    /**
     * Cases found in review where the first subscriber of a shape matched and later ones did not;
     * each template is now refused stencils (or the value is), so every message is right.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                // a value in a class, with a style sheet matching on it
                "<style>.vip { color: #ff0000; }</style>|<p th:class=\"${subscriber.attributes['tier']}\">t</p>",
                // a value bound to a name and compared at Thymeleaf's level, or tested for truth
                "|<p th:with=\"n=${subscriber.name}\"><b th:if=\"'Bob' == ${n}\">Bob!</b><i th:text=\"${n}\">n</i></p>",
                "|<p th:with=\"n=${subscriber.name}\"><b th:if=\"${n}\">truthy</b><i th:text=\"${n}\">n</i></p>",
                // a value printed as markup
                "|<div th:utext=\"${subscriber.attributes['tier']}\">x</div><p>Zo\u00eb</p>",
                // a value as the base of a link with parameters
                "|<a th:href=\"@{${subscriber.attributes['site']}(utm=x)}\">site</a>",
                // values with a control character or half a surrogate pair, printed
                "|<p th:text=\"${subscriber.attributes['tier']}\">t</p><p th:title=\"${subscriber.attributes['site']}\">s</p>",
            })
    void valuesThatShapeTheirSurroundingsAreRenderedInFull(String change) {
        SampleProject project = SampleProject.copyTo(dir);
        String[] parts = change.split("\\|", 2);
        if (!parts[0].isEmpty()) {
            project.replace("templates/issue.html", "</head>", parts[0] + "</head>");
        }
        project.replace("templates/issue.html", "<body", parts[1] + "<body");
        List<Subscriber> subscribers = new ArrayList<>();
        String[][] rows = {
            {"Ann", "free", "https://a.example/p"},
            {"Bob", "vip", "https://a.example/p?x=1"},
            {"no", "<b>bold</b>", "https://a.example/p#frag"},
            {"false", "<scriptx>", "https://a.example/q"},
            {"off", "<style>", "https://a.example/p?y=2#f"},
            {"Zed", "free\u0001", "https://a.example/\ud800"},
        };
        for (String[] row : rows) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("tier", row[1]);
            attributes.put("site", row[2]);
            subscribers.add(new Subscriber(
                    EmailAddress.parse(row[0].toLowerCase(java.util.Locale.ROOT) + "@example.org"),
                    row[0],
                    Status.ACTIVE,
                    "",
                    List.of(),
                    attributes,
                    2));
        }
        assertSameAsPlainRenders(project.resolve("templates"), subscribers);
    }

    @Test
    void embeddedPicturesComeOutOfTheStencilAsTheyComeOutOfThymeleaf() {
        IssueRenderer prerendering = new IssueRenderer(Path.of("templates"), PRERENDERING);
        IssueRenderer plain = new IssueRenderer(Path.of("templates"), PLAIN);
        dev.newsletter.render.Pictures embedded =
                dev.newsletter.render.Pictures.embedded("https://pdl.example.org/newsletter");
        IssueRenderer.PreparedIssue prepared = prerendering.prepare(issue, SENDER, embedded);
        IssueRenderer.PreparedIssue plainPrepared = plain.prepare(issue, SENDER, embedded);

        for (Subscriber subscriber : subscribers()) {
            RenderedEmail fast = prerendering.render(prepared, subscriber, links(subscriber), "s");
            RenderedEmail slow = plain.render(plainPrepared, subscriber, links(subscriber), "s");
            assertThat(fast.html())
                    .isEqualTo(slow.html())
                    .contains("src=\"cid:img.")
                    .doesNotContain(".png\"");
        }
        assertThat(prepared.prerenderedShapes()).isPositive();
    }

    /** Renders every test subscriber through one prepared issue, and each again with the switch on. */
    private IssueRenderer.PreparedIssue assertSameAsPlainRenders(Path templates) {
        return assertSameAsPlainRenders(templates, subscribers());
    }

    private IssueRenderer.PreparedIssue assertSameAsPlainRenders(Path templates, List<Subscriber> subscribers) {
        IssueRenderer prerendering = new IssueRenderer(templates, PRERENDERING);
        IssueRenderer plain = new IssueRenderer(templates, PLAIN);
        IssueRenderer.PreparedIssue prepared = prerendering.prepare(issue, SENDER);
        IssueRenderer.PreparedIssue plainPrepared = plain.prepare(issue, SENDER);
        for (int round = 0; round < 2; round++) {
            for (Subscriber subscriber : subscribers) {
                RenderedEmail fast = prerendering.render(prepared, subscriber, links(subscriber), "s");
                RenderedEmail slow = plain.render(plainPrepared, subscriber, links(subscriber), "s");
                assertThat(fast.html()).as("HTML for %s", subscriber.name()).isEqualTo(slow.html());
                assertThat(fast.text()).as("text for %s", subscriber.name()).isEqualTo(slow.text());
            }
        }
        assertThat(plainPrepared.prerenderedShapes()).isZero();
        return prepared;
    }

    private static List<Subscriber> subscribers() {
        List<Subscriber> subscribers = new ArrayList<>();
        int i = 0;
        for (String name : NAMES) {
            for (String affiliation : List.of("", "Carnegie Mellon <PDL> & \"Friends\"")) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("affiliation", affiliation);
                attributes.put("city", i % 2 == 0 ? "Zürich 'Altstadt'" : "Pittsburgh & <Oakland>");
                subscribers.add(new Subscriber(
                        EmailAddress.parse("reader" + i++ + "@xn--mller-kva.example"),
                        name,
                        Status.ACTIVE,
                        "",
                        List.of(),
                        attributes,
                        i + 1));
            }
        }
        return subscribers;
    }

    private static IssueRenderer.Links links(Subscriber subscriber) {
        return new IssueRenderer.Links(
                "https://pdl.example.org/newsletter/unsubscribe?t="
                        + subscriber.email().localPart() + "&x='1'",
                WEB);
    }
}
