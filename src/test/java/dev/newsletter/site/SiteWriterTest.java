package dev.newsletter.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsletter.app.Project;
import dev.newsletter.config.Config;
import dev.newsletter.config.ConfigLoader;
import dev.newsletter.input.InvalidInputException;
import dev.newsletter.mailing.Letter;
import dev.newsletter.testing.SampleProject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

class SiteWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> SECRET =
            Map.of("NEWSLETTER_UNSUBSCRIBE_SECRET", "0123456789abcdef0123456789abcdef");
    /** Run with -Dgolden.update=true to rewrite the golden files after a deliberate change. */
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TempDir
    Path dir;

    SampleProject sample;
    Config config;
    Path out;

    @BeforeEach
    void setUp() {
        sample = SampleProject.copyTo(dir.resolve("project"));
        config = ConfigLoader.load(sample.config());
        out = dir.resolve("project/site");
    }

    @Test
    void theSampleSiteMatchesTheGoldenFiles() throws IOException {
        SiteWriter.Result result = new SiteWriter(config, CLOCK).site(out);

        assertThat(result.written())
                .containsExactly(
                        out.resolve("2024-fall/graphpipe.png"),
                        out.resolve("2024-fall/helix.png"),
                        out.resolve("2024-fall/cinnamon.png"),
                        out.resolve("2024-fall.html"),
                        out.resolve("index.html"),
                        out.resolve("feed.xml"));
        for (String file : List.of("2024-fall.html", "index.html", "feed.xml")) {
            golden(file, Files.readString(out.resolve(file), StandardCharsets.UTF_8));
        }
    }

    @Test
    void thePageIsForNobodyWithASubscribeLinkInstead() throws IOException {
        new SiteWriter(config, CLOCK).publish(sample.issue(), out);
        String page = Files.readString(out.resolve("2024-fall.html"), StandardCharsets.UTF_8);

        assertThat(page)
                .doesNotContain("@example.org") // no subscriber address
                .doesNotContain("Dear")
                .doesNotContainIgnoringCase("unsubscribe")
                .doesNotContain("?t=") // no token
                .doesNotContain("View this email in your browser")
                .contains("href=\"mailto:editor@pdl.example.org?subject=subscribe\"")
                .contains("GraphPipe");
    }

    @Test
    void thePagePathIsTheWebVersionLinkOfTheMessages() {
        Project project = Project.load(config, sample.issue());
        Letter letter = project.composer("pdl-packet", project.messageIds("pdl-packet", SECRET), "", SECRET, CLOCK)
                .letter(project.firstActive("pdl-packet").orElseThrow());
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\"[^>]*>View this email in your browser")
                .matcher(letter.content().html());
        assertThat(link.find()).isTrue();
        URI webVersion = URI.create(link.group(1));
        URI base = URI.create(config.newsletter().baseUrl() + "/");

        SiteWriter.Result result = new SiteWriter(config, CLOCK).publish(sample.issue(), out);

        String relative = base.relativize(webVersion).getPath();
        assertThat(relative).isEqualTo("2024-fall.html");
        assertThat(result.written()).contains(out.resolve(relative));
        assertThat(out.resolve(relative)).isRegularFile();
    }

    @Test
    void theFeedHasEveryElementRfc4287Requires() throws Exception {
        new SiteWriter(config, CLOCK).site(out);
        Document feed = parse(Files.readString(out.resolve("feed.xml"), StandardCharsets.UTF_8));

        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(AtomFeed.NS);
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(text(root, "id")).isEqualTo("https://pdl.example.org/newsletter/feed.xml");
        assertThat(text(root, "title")).isEqualTo("The PDL Packet");
        assertThat(text(root, "updated")).isEqualTo("2024-11-01T00:00:00Z");
        assertThat(children(root, "author")).hasSize(1);
        assertThat(text(children(root, "author").get(0), "name")).isEqualTo("The PDL Packet");
        assertThat(children(root, "link"))
                .anySatisfy(l -> assertThat(l.getAttribute("rel")).isEqualTo("self"));

        List<Element> entries = children(root, "entry");
        assertThat(entries).hasSize(1);
        Element entry = entries.get(0);
        assertThat(text(entry, "id")).isEqualTo("https://pdl.example.org/newsletter/2024-fall.html");
        assertThat(text(entry, "title")).isEqualTo("The PDL Packet — Fall 2024");
        assertThat(text(entry, "updated")).isEqualTo("2024-11-01T00:00:00Z");
        Element link = children(entry, "link").get(0);
        assertThat(link.getAttribute("rel")).isEqualTo("alternate");
        assertThat(link.getAttribute("href")).isEqualTo("https://pdl.example.org/newsletter/2024-fall.html");
        Element content = children(entry, "content").get(0);
        assertThat(content.getAttribute("type")).isEqualTo("html");
        assertThat(content.getTextContent())
                .isEqualTo(Files.readString(out.resolve("2024-fall.html"), StandardCharsets.UTF_8));
    }

    @Test
    void draftsAndFutureIssuesAreNotPublished() throws Exception {
        String issue = sample.read("issues/2024-fall.yaml");
        sample.write(
                "issues/draft.yaml",
                issue.replace("id: 2024-fall", "id: draft")
                        .replace("date: 2024-11-01", "date: 2024-12-01\ndraft: true"));
        sample.write(
                "issues/future.yaml",
                issue.replace("id: 2024-fall", "id: future").replace("date: 2024-11-01", "date: 2026-12-05"));
        sample.write(
                "issues/today.yaml",
                issue.replace("id: 2024-fall", "id: today")
                        .replace("date: 2024-11-01", "date: 2026-12-04\ndraft: false"));

        SiteWriter.Result result = new SiteWriter(config, CLOCK).site(out);

        assertThat(result.skipped())
                .containsExactly(
                        "issues/draft.yaml: it is a draft (draft: true)",
                        "issues/future.yaml: it is dated 2026-12-05, after today (2026-12-04)");
        assertThat(out.resolve("draft.html")).doesNotExist();
        assertThat(out.resolve("future.html")).doesNotExist();
        assertThat(out.resolve("today.html")).isRegularFile();
        String index = Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(index).doesNotContain("draft.html").doesNotContain("future.html");
        assertThat(index.indexOf("today.html")).isLessThan(index.indexOf("2024-fall.html")); // newest first
        assertThat(children(parse(Files.readString(out.resolve("feed.xml"))).getDocumentElement(), "entry"))
                .hasSize(2);
        assertThatThrownBy(() -> new SiteWriter(config, CLOCK).publish(sample.resolve("issues/draft.yaml"), out))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("draft.yaml")
                .hasMessageContaining("not published: it is a draft");
        assertThat(out.resolve("draft.html")).doesNotExist();
    }

    @Test
    void textIsEscapedInTheIndexAndTheFeed() throws Exception {
        sample.replace(
                "issues/2024-fall.yaml",
                "subject: \"The PDL Packet — Fall 2024\"",
                "subject: \"Fall <b>&</b> 'more'\"");

        new SiteWriter(config, CLOCK).site(out);

        assertThat(Files.readString(out.resolve("index.html")))
                .contains("Fall &lt;b&gt;&amp;&lt;/b&gt; &#39;more&#39;");
        Element entry = children(
                        parse(Files.readString(out.resolve("feed.xml"))).getDocumentElement(), "entry")
                .get(0);
        assertThat(text(entry, "title")).isEqualTo("Fall <b>&</b> 'more'");
    }

    private void golden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/site").resolve(name);
        if (UPDATE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as(name).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element
                    && AtomFeed.NS.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(name).hasSize(1);
        return found.get(0).getTextContent();
    }
}
