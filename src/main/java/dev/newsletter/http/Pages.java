package dev.newsletter.http;

/** The endpoint's few small pages. Every value placed in them is HTML-escaped. */
final class Pages {
    private Pages() {}

    static String confirm(String newsletter, String address, String token) {
        return page(
                "Unsubscribe",
                "<p>Stop sending <strong>" + escape(newsletter) + "</strong> to <strong>" + escape(address)
                        + "</strong>?</p>"
                        + "<form method=\"post\" action=\"?t=" + escape(token) + "\">"
                        + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                        + "<input type=\"hidden\" name=\"" + UnsubscribeHandler.FROM_PAGE + "\" value=\"page\">"
                        + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    static String done(String newsletter, String address) {
        return page(
                "Unsubscribed",
                "<p><strong>" + escape(address) + "</strong> will not receive <strong>" + escape(newsletter)
                        + "</strong> any more.</p>");
    }

    static String message(String title, String text) {
        return page(title, "<p>" + escape(text) + "</p>");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;"
                + "color:#1a202c}button{font-size:1rem;padding:.6rem 1.4rem;border:0;border-radius:4px;"
                + "background:#1b2a4a;color:#fff;cursor:pointer}</style></head><body><h1>" + escape(title)
                + "</h1>" + body + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
