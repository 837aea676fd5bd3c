package dev.newsletter.render;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a pre-send check needs to know about a rendered HTML part, without a HTML library outside
 * this package: its links, its images, and the things email clients drop (scripts, external style
 * sheets, forms, style blocks outside the head).
 *
 * @param links the {@code href} of every {@code <a>} and {@code <area>}, in document order
 * @param images every {@code <img>}
 * @param scripts how many {@code <script>} elements
 * @param externalStyleSheets the {@code href} of each {@code <link rel=stylesheet>}
 * @param forms how many {@code <form>} elements
 * @param styleBlocksInBody how many {@code <style>} elements outside the head
 */
public record HtmlSummary(
        List<String> links,
        List<Image> images,
        int scripts,
        List<String> externalStyleSheets,
        int forms,
        int styleBlocksInBody) {

    /** An image; {@code alt} is null when the attribute is missing (empty when present but empty). */
    public record Image(String src, String alt) {}

    public static HtmlSummary of(String html) {
        Document doc = Jsoup.parse(html);
        List<String> links = new ArrayList<>();
        for (Element a : doc.select("a[href], area[href]")) {
            links.add(a.attr("href").strip());
        }
        List<Image> images = new ArrayList<>();
        for (Element img : doc.select("img")) {
            images.add(new Image(img.attr("src").strip(), img.hasAttr("alt") ? img.attr("alt") : null));
        }
        List<String> sheets = new ArrayList<>();
        for (Element link : doc.select("link[rel~=(?i)stylesheet]")) {
            sheets.add(link.attr("href"));
        }
        int styleInBody = (int) doc.select("style").stream()
                .filter(style -> !style.parents().contains(doc.head()))
                .count();
        return new HtmlSummary(
                List.copyOf(links),
                List.copyOf(images),
                doc.select("script").size(),
                List.copyOf(sheets),
                doc.select("form").size(),
                styleInBody);
    }
}
