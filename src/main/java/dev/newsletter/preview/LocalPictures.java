package dev.newsletter.preview;

import dev.newsletter.config.Config;
import dev.newsletter.config.ImageMode;
import dev.newsletter.issue.Image;
import dev.newsletter.issue.Issue;
import dev.newsletter.issue.WebPage;
import dev.newsletter.text.HtmlEscape;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The issue's pictures as the preview serves them: each file under {@code pictures/PATH} of the
 * page's random path (PATH relative to the issue's folder, as on the site), so the frames show them
 * before {@code publish} has copied them under {@code baseUrl}. Only the files the issue shows are
 * served, looked up by their exact path: nothing else of the folder, and no {@code ..}.
 *
 * <p>{@link #show} points the {@code src} of the message's pictures (their URL under {@code
 * baseUrl}, or their {@code cid:} URL with {@code images: embed}) at those local copies; it is for
 * the frames only — {@code email.html} stays byte for byte what {@code render} writes.
 */
final class LocalPictures {
    /** Where they are served, relative to the page. */
    static final String FOLDER = "pictures/";

    private static final LocalPictures NONE = new LocalPictures(Map.of(), Map.of());
    private static final Pattern SRC =
            Pattern.compile("(\\ssrc\\s*=\\s*)(\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);

    private final Map<String, Image> byPath;
    private final Map<String, String> localByMessageUrl;

    private LocalPictures(Map<String, Image> byPath, Map<String, String> localByMessageUrl) {
        this.byPath = byPath;
        this.localByMessageUrl = localByMessageUrl;
    }

    /** None: the issue does not load. */
    static LocalPictures none() {
        return NONE;
    }

    /** The pictures of {@code issue}, by the URLs its messages show them with under {@code config}. */
    static LocalPictures of(Issue issue, Config config) {
        List<Image> images = issue.images();
        Map<String, Image> byPath = new LinkedHashMap<>();
        Map<String, String> local = new LinkedHashMap<>();
        boolean embedded = config.images() == ImageMode.EMBED;
        String baseUrl = config.newsletter().baseUrl();
        for (Image image : images) {
            byPath.put(image.path(), image);
            String url = FOLDER + encoded(image.path());
            local.put(embedded ? image.cid() : WebPage.imageUrl(baseUrl, image), url);
        }
        return new LocalPictures(Map.copyOf(byPath), Map.copyOf(local));
    }

    /** The picture whose path (decoded, relative to the issue's folder) is exactly {@code path}. */
    Optional<Image> find(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** {@code html} with the {@code src} of each of the issue's pictures pointing at its local copy. */
    String show(String html) {
        if (localByMessageUrl.isEmpty()) {
            return html;
        }
        Matcher matcher = SRC.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (matcher.find()) {
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(4);
            String local = localByMessageUrl.get(unescape(value));
            String replacement =
                    local == null ? matcher.group() : matcher.group(1) + "\"" + HtmlEscape.escape(local) + "\"";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String unescape(String attribute) {
        return attribute
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#x27;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String encoded(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }
}
