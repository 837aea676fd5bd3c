package dev.newsletter.site;

import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code feed.xml}, an Atom 1.0 feed (RFC 4287) written with the JDK's XML writer, which escapes
 * every text and attribute. Ids are the pages' URLs (the feed's: its own URL), stable as long as
 * {@code newsletter.baseUrl} is; an entry's {@code updated} is its issue's date at midnight UTC, so
 * publishing again changes nothing a reader would see as new. Each entry carries the whole page as
 * {@code type="html"} content and links to the page.
 *
 * <pre>
 * feed: id, title, updated, author/name, link rel=self, link rel=alternate (index.html)
 *   entry: id, title, updated, published, link rel=alternate (the page), summary (preheader), content type=html
 * </pre>
 */
final class AtomFeed {
    static final String NS = "http://www.w3.org/2005/Atom";

    private AtomFeed() {}

    /**
     * @param issues newest first
     * @param now the feed's {@code updated} when there are no entries
     */
    static String xml(String newsletter, String base, List<PublishedIssue> issues, Instant now) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(NS);
            element(xml, 1, "id", base + "/" + SiteWriter.FEED);
            element(xml, 1, "title", newsletter);
            element(
                    xml,
                    1,
                    "updated",
                    issues.isEmpty() ? stamp(now.truncatedTo(ChronoUnit.SECONDS)) : stamp(midnight(issues.get(0))));
            indent(xml, 1);
            xml.writeStartElement("author");
            element(xml, 2, "name", newsletter);
            indent(xml, 1);
            xml.writeEndElement();
            link(xml, 1, "self", base + "/" + SiteWriter.FEED, "application/atom+xml");
            link(xml, 1, "alternate", base + "/" + SiteWriter.INDEX, "text/html");
            for (PublishedIssue issue : issues) {
                entry(xml, issue);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the feed", e);
        }
        return text.toString();
    }

    private static void entry(XMLStreamWriter xml, PublishedIssue issue) throws XMLStreamException {
        indent(xml, 1);
        xml.writeStartElement("entry");
        element(xml, 2, "id", issue.url());
        element(xml, 2, "title", issue.issue().subject());
        element(xml, 2, "updated", stamp(midnight(issue)));
        element(xml, 2, "published", stamp(midnight(issue)));
        link(xml, 2, "alternate", issue.url(), "text/html");
        if (!issue.issue().preheader().isEmpty()) {
            element(xml, 2, "summary", issue.issue().preheader());
        }
        indent(xml, 2);
        xml.writeStartElement("content");
        xml.writeAttribute("type", "html");
        xml.writeCharacters(issue.html());
        xml.writeEndElement();
        indent(xml, 1);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String value) throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, int depth, String rel, String href, String type)
            throws XMLStreamException {
        indent(xml, depth);
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    private static Instant midnight(PublishedIssue issue) {
        return issue.issue().date().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static String stamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
