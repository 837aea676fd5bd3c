package dev.newsletter.site;

import dev.newsletter.issue.WebPage;
import dev.newsletter.text.HtmlEscape;
import java.util.List;
import java.util.Locale;

/**
 * The HTML snippet of {@code ./newsletter signup form}, to paste into a web page: a form that posts
 * to {@code <baseUrl>/subscribe} with the fields the daemon's signup endpoint reads ({@code email},
 * {@code name}, the list as a hidden {@code list}, and any custom fields), and a honeypot field
 * {@code website} that people never see (off-screen, {@code aria-hidden}, out of the tab order) and
 * bots fill in.
 */
public final class SignupForm {
    /** The honeypot field's name: a signup that fills it in is a bot's. */
    public static final String HONEYPOT = "website";

    private SignupForm() {}

    /**
     * The snippet.
     *
     * @param baseUrl {@code newsletter.baseUrl}
     * @param list the list the form signs people up to
     * @param customFields extra columns to ask for ({@code signup.fields}), each a text input
     */
    public static String html(String baseUrl, String newsletterName, String list, List<String> customFields) {
        StringBuilder html = new StringBuilder();
        html.append("<form method=\"post\" action=\"")
                .append(HtmlEscape.escape(WebPage.base(baseUrl) + "/subscribe"))
                .append("\" accept-charset=\"utf-8\" class=\"newsletter-signup\">\n");
        html.append("  <p>Subscribe to ")
                .append(HtmlEscape.escape(newsletterName))
                .append("</p>\n");
        html.append("  <label>Email <input type=\"email\" name=\"email\" required maxlength=\"254\""
                + " autocomplete=\"email\"></label>\n");
        html.append("  <label>Name <input type=\"text\" name=\"name\" maxlength=\"200\" autocomplete=\"name\">"
                + "</label>\n");
        for (String field : customFields) {
            String name = field.strip();
            html.append("  <label>")
                    .append(HtmlEscape.escape(label(name)))
                    .append(" <input type=\"text\" name=\"")
                    .append(HtmlEscape.escape(name))
                    .append("\" maxlength=\"200\"></label>\n");
        }
        html.append("  <input type=\"hidden\" name=\"list\" value=\"")
                .append(HtmlEscape.escape(list))
                .append("\">\n");
        html.append("  <div style=\"position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden\""
                        + " aria-hidden=\"true\">\n")
                .append("    <label>Leave this empty <input type=\"text\" name=\"")
                .append(HONEYPOT)
                .append("\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></label>\n")
                .append("  </div>\n");
        html.append("  <button type=\"submit\">Subscribe</button>\n");
        html.append("</form>\n");
        return html.toString();
    }

    /** "affiliation" → "Affiliation", "home_town" → "Home town". */
    private static String label(String field) {
        String words = field.replace('_', ' ').replace('-', ' ');
        return words.isEmpty() ? words : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
