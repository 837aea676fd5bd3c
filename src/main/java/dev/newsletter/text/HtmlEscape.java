package dev.newsletter.text;

/**
 * Text made safe for HTML element content and quoted attribute values ({@code srcdoc} included):
 * the five markup characters become references; null becomes "". The pages we write ourselves (the
 * preview, the web archive) use it for every value; reports, which show what strangers wrote, use
 * their stricter {@code report.Markup}.
 */
public final class HtmlEscape {
    private HtmlEscape() {}

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
