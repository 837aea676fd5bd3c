package dev.newsletter.bounce;

/** HTML reduced to its text, roughly: enough to read a bounce that comes only as HTML. */
final class HtmlText {
    private HtmlText() {}

    static String of(String html) {
        return html.replaceAll("(?is)<(script|style)\\b.*?</\\1\\s*>", " ")
                .replaceAll("(?i)<br\\s*/?>|</(p|div|tr|li|h\\d)\\s*>", "\n")
                .replaceAll("<[^>]{0,2000}>", " ")
                .replace("&nbsp;", " ")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
