package dev.newsletter.check;

import dev.newsletter.mailing.Letter;
import dev.newsletter.render.HtmlSummary;
import dev.newsletter.text.Plural;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks of the HTML part: links, images, and what email clients drop. */
final class HtmlChecks {
    private static final int SHOWN = 10;

    private HtmlChecks() {}

    static void links(HtmlSummary html, List<CheckResult> results) {
        Set<String> bad = new LinkedHashSet<>();
        for (String href : html.links()) {
            if (!absoluteWebLink(href) && !href.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                bad.add(href.isEmpty() ? "(empty href)" : href);
            }
        }
        if (bad.isEmpty()) {
            results.add(CheckResult.pass(
                    "links", Plural.count(html.links().size(), "link", "links") + ", all absolute http(s) or mailto"));
        } else {
            results.add(CheckResult.fail(
                            "links",
                            Plural.count(
                                            bad.size(),
                                            "link is not an absolute http(s) URL",
                                            "links are not absolute http(s) URLs")
                                    + " (a mail client has no page to resolve them against)")
                    .with(shown(bad)));
        }
    }

    static void linksOnline(HtmlSummary html, Letter letter, Optional<LinkProbe> probe, List<CheckResult> results) {
        Set<URI> links = new LinkedHashSet<>();
        for (String href : html.links()) {
            if (absoluteWebLink(href)) {
                links.add(URI.create(href));
            }
        }
        links.add(letter.unsubscribeUrl());
        if (probe.isEmpty()) {
            results.add(CheckResult.warn(
                    "links-online",
                    Plural.count(links.size(), "link", "links") + " not checked for answers (add --online)"));
            return;
        }
        Map<URI, LinkProbe.Answer> answers = probe.get().probe(List.copyOf(links));
        List<String> broken = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        answers.forEach((link, answer) -> {
            if (answer.broken()) {
                broken.add(answer.status() + " " + link);
            } else if (answer.status() == 0) {
                unreachable.add(link + ": " + answer.error());
            }
        });
        if (!broken.isEmpty()) {
            List<String> details = new ArrayList<>(broken);
            details.addAll(unreachable);
            results.add(CheckResult.fail(
                            "links-online",
                            broken.size() + " of " + Plural.count(links.size(), "link", "links")
                                    + " answer with an error")
                    .with(shown(details)));
        } else if (!unreachable.isEmpty()) {
            results.add(CheckResult.warn(
                            "links-online",
                            unreachable.size() + " of " + Plural.count(links.size(), "link", "links")
                                    + " did not answer")
                    .with(shown(unreachable)));
        } else {
            results.add(CheckResult.pass(
                    "links-online",
                    "all " + Plural.count(links.size(), "link", "links") + " answer (including the unsubscribe URL)"));
        }
    }

    /** @param contentIds the Content-IDs of the pictures the message carries: what a {@code cid:} URL may name */
    static void images(HtmlSummary html, java.util.Set<String> contentIds, List<CheckResult> results) {
        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (HtmlSummary.Image image : html.images()) {
            String src = image.src().isEmpty() ? "(no src)" : image.src();
            if (image.alt() == null) {
                failures.add(
                        src
                                + ": no alt attribute (blocked images and screen readers show nothing; use alt=\"\" for decoration)");
            }
            String lower = image.src().toLowerCase(Locale.ROOT);
            if (lower.startsWith("data:")) {
                warnings.add(src.substring(0, Math.min(40, src.length()))
                        + "...: data: images are blocked by Gmail and Outlook");
            } else if (lower.startsWith("cid:")) {
                if (!contentIds.contains(image.src().substring(4))) {
                    failures.add(src + ": names no picture of the message");
                }
            } else if (!absoluteWebLink(image.src())) {
                failures.add(src + ": not an absolute URL");
            } else if (lower.startsWith("http:")) {
                warnings.add(src + ": http, not https (clients warn or block)");
            }
        }
        if (!failures.isEmpty()) {
            List<String> details = new ArrayList<>(failures);
            details.addAll(warnings);
            results.add(CheckResult.fail("images", Plural.count(failures.size(), "image problem", "image problems"))
                    .with(shown(details)));
        } else if (!warnings.isEmpty()) {
            results.add(CheckResult.warn("images", Plural.count(warnings.size(), "image", "images") + " may not show")
                    .with(shown(warnings)));
        } else if (html.images().isEmpty()) {
            results.add(CheckResult.pass("images", "no images"));
        } else {
            results.add(CheckResult.pass(
                    "images",
                    html.images().size() + " images, all with alt text and https URLs"
                            + (contentIds.isEmpty() ? "" : " or parts of the message")));
        }
    }

    static void html(HtmlSummary html, List<CheckResult> results) {
        List<String> warnings = new ArrayList<>();
        if (html.scripts() > 0) {
            warnings.add(html.scripts() + " <script> elements: every client strips them and spam filters score them");
        }
        if (!html.externalStyleSheets().isEmpty()) {
            warnings.add("external style sheets are not loaded by most clients: "
                    + String.join(", ", html.externalStyleSheets())
                    + " (put the CSS in a <style> block; it is inlined)");
        }
        if (html.forms() > 0) {
            warnings.add(html.forms() + " <form> elements: most clients disable forms");
        }
        if (html.styleBlocksInBody() > 0) {
            warnings.add(html.styleBlocksInBody() + " <style> blocks outside the head: Gmail drops them");
        }
        if (warnings.isEmpty()) {
            results.add(CheckResult.pass("html", "no scripts, forms or external style sheets; CSS is inline"));
        } else {
            results.add(CheckResult.warn("html", "parts of the HTML will not work in email")
                    .with(warnings));
        }
    }

    static boolean absoluteWebLink(String href) {
        try {
            URI uri = new URI(href);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> shown(java.util.Collection<String> items) {
        List<String> list = new ArrayList<>(items);
        if (list.size() <= SHOWN) {
            return list;
        }
        List<String> first = new ArrayList<>(list.subList(0, SHOWN));
        first.add("... and " + (list.size() - SHOWN) + " more");
        return first;
    }
}
