package dev.newsletter.preview;

import static dev.newsletter.text.HtmlEscape.escape;

import dev.newsletter.address.Mailbox;
import dev.newsletter.check.CheckReport;
import dev.newsletter.check.CheckResult;
import dev.newsletter.check.Severity;
import dev.newsletter.mailing.Letter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The preview page for a {@link PreviewView}: the message's headers, the HTML in a desktop frame
 * and in a phone-width one ({@value #PHONE_WIDTH} px) beside its plain-text twin, the subscriber
 * picker, and the check's results; or the problems, with file and line, when the issue does not
 * render. Links are relative (the page lives under its server's random path). Every value from the files is escaped; the message's HTML goes into sandboxed frames (no
 * scripts) through {@code srcdoc}. A small script, allowed by its nonce, listens on {@code
 * /events} and reloads the page when the files change.
 */
final class PreviewPage {
    static final int PHONE_WIDTH = 390;

    private static final String FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

    private PreviewPage() {}

    static String of(PreviewView view, String nonce) {
        StringBuilder body = new StringBuilder(64 * 1024);
        bar(view, body);
        if (view.rendered().isPresent()) {
            rendered(view, view.rendered().get(), body);
        } else {
            body.append("<section class=\"broken\" id=\"problems\"><h2>The issue cannot be shown</h2><ul>");
            for (String problem : view.problems()) {
                body.append("<li><code>").append(escape(problem)).append("</code></li>");
            }
            body.append("</ul><p>Fix it and save: this page reloads by itself.</p></section>");
        }
        String title = view.rendered().map(r -> r.letter().content().subject()).orElse(view.issue());
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Preview: " + escape(title) + "</title><style>" + STYLE + "</style></head><body>"
                + body
                + "<script nonce=\"" + nonce + "\">" + script(view.version()) + "</script></body></html>";
    }

    private static void bar(PreviewView view, StringBuilder out) {
        out.append("<header class=\"bar\"><div class=\"where\"><strong>Preview</strong> <code>")
                .append(escape(view.issue()))
                .append("</code>");
        view.list()
                .ifPresent(list ->
                        out.append(" · list <code>").append(escape(list)).append("</code>"));
        out.append(" <span id=\"live\" class=\"live\">live</span></div>");
        view.picker().ifPresent(picker -> picker(view, picker, out));
        out.append("</header>");
    }

    private static void picker(PreviewView view, PreviewView.Picker picker, StringBuilder out) {
        out.append("<form method=\"get\" action=\"./\" class=\"pick\"><label>Subscriber ")
                .append("<select name=\"subscriber\" id=\"pick\">");
        boolean listed = false;
        for (PreviewView.Choice choice : picker.choices()) {
            boolean selected = choice.email().equalsIgnoreCase(view.selected());
            listed |= selected;
            out.append("<option value=\"")
                    .append(escape(choice.email()))
                    .append('"')
                    .append(selected ? " selected" : "")
                    .append('>')
                    .append(escape(
                            choice.name().isEmpty() ? choice.email() : choice.name() + " <" + choice.email() + ">"))
                    .append(choice.status().equals("active") ? "" : " (" + escape(choice.status()) + ")")
                    .append("</option>");
        }
        if (!listed && !view.selected().isEmpty()) {
            out.append("<option value=\"")
                    .append(escape(view.selected()))
                    .append("\" selected>")
                    .append(escape(view.selected()))
                    .append("</option>");
        }
        out.append("</select></label> <button type=\"submit\">Show</button></form>");
        if (picker.total() > picker.choices().size()) {
            out.append("<form method=\"get\" action=\"./\" class=\"pick\"><label>or any of ")
                    .append(picker.total())
                    .append(" <input name=\"subscriber\" type=\"text\" size=\"28\" placeholder=\"address\"></label>")
                    .append(" <button type=\"submit\">Show</button></form>");
        }
    }

    private static void rendered(PreviewView view, PreviewView.Rendered rendered, StringBuilder out) {
        Letter letter = rendered.letter();
        String query = "?subscriber=" + URLEncoder.encode(view.selected(), StandardCharsets.UTF_8);
        out.append("<section class=\"top\"><dl class=\"headers\">");
        header(out, "From", mailbox(letter.from()));
        letter.replyTo().ifPresent(replyTo -> header(out, "Reply-To", replyTo.toString()));
        header(out, "To", mailbox(letter.to()));
        header(out, "Subject", letter.content().subject());
        header(out, "Preheader", rendered.preheader());
        header(out, "List-Unsubscribe", letter.unsubscribeUrl().toString());
        out.append("</dl>");
        summary(rendered.check(), out);
        out.append("</section><section class=\"panes\">");
        out.append("<figure class=\"desktop\"><figcaption>HTML · desktop <a href=\"email.html")
                .append(escape(query))
                .append("\" target=\"_blank\">open alone</a></figcaption>");
        String shown = rendered.pictures().show(letter.content().html());
        frame(out, "HTML, desktop width", shown);
        out.append("</figure><figure class=\"phone\"><figcaption>HTML · phone, ")
                .append(PHONE_WIDTH)
                .append(" px</figcaption>");
        frame(out, "HTML, phone width", shown);
        out.append("</figure><figure class=\"text\"><figcaption>Text <a href=\"email.txt")
                .append(escape(query))
                .append("\" target=\"_blank\">open alone</a></figcaption><pre id=\"text\">")
                .append(escape(letter.content().text()))
                .append("</pre></figure></section>");
        checks(rendered.check(), out);
    }

    private static void frame(StringBuilder out, String title, String html) {
        out.append("<iframe title=\"")
                .append(title)
                .append("\" sandbox=\"")
                .append(FRAME_SANDBOX)
                .append("\" referrerpolicy=\"no-referrer\" srcdoc=\"")
                .append(escape(html))
                .append("\"></iframe>");
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append("<dt>")
                .append(name)
                .append("</dt><dd>")
                .append(escape(value))
                .append("</dd>");
    }

    private static String mailbox(Mailbox mailbox) {
        return mailbox.displayName().isEmpty()
                ? mailbox.address().toString()
                : mailbox.displayName() + " <" + mailbox.address() + ">";
    }

    private static void summary(CheckReport report, StringBuilder out) {
        String state = report.failed() ? "fail" : report.count(Severity.WARN) > 0 ? "warn" : "pass";
        out.append("<p class=\"summary ")
                .append(state)
                .append("\"><a href=\"#checks\">check</a>: ")
                .append(escape(report.summary()))
                .append("</p>");
    }

    private static void checks(CheckReport report, StringBuilder out) {
        out.append("<section id=\"checks\"><h2>check (offline)</h2><table>");
        for (CheckResult result : report.results()) {
            String label = result.severity().label();
            out.append("<tr class=\"")
                    .append(label)
                    .append("\"><td><span class=\"badge ")
                    .append(label)
                    .append("\">")
                    .append(label)
                    .append("</span></td><th>")
                    .append(escape(result.name()))
                    .append("</th><td>")
                    .append(escape(result.message()));
            if (!result.details().isEmpty()) {
                out.append("<ul>");
                result.details()
                        .forEach(d -> out.append("<li>").append(escape(d)).append("</li>"));
                out.append("</ul>");
            }
            out.append("</td></tr>");
        }
        out.append("</table><p class=\"note\">Links, DNS and SpamAssassin are not asked here: run ")
                .append("<code>./newsletter check ISSUE --online --spam</code>.</p></section>");
    }

    private static String script(long version) {
        return "(function(){var live=document.getElementById('live');"
                + "var events=new EventSource('events?since=" + version + "');"
                + "events.addEventListener('change',function(){events.close();location.reload();});"
                + "events.onopen=function(){live.className='live on';live.textContent='live';};"
                + "events.onerror=function(){live.className='live off';live.textContent='reconnecting…';};"
                + "var pick=document.getElementById('pick');"
                + "if(pick){pick.addEventListener('change',function(){pick.form.submit();});}})();";
    }

    private static final String STYLE = "*{box-sizing:border-box}"
            + "body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a202c;"
            + "background:#eef1f5}"
            + "code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}"
            + ".bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;"
            + "padding:.6rem 1.2rem;background:#1b2a4a;color:#fff}"
            + ".bar code{color:#cfe0ff}.bar select,.bar input{max-width:26rem;font:inherit}"
            + ".pick{display:inline-block;margin:0}"
            + ".live{margin-left:.6rem;font-size:12px;padding:.1rem .5rem;border-radius:9px;background:#4a5568}"
            + ".live.on{background:#2f855a}.live.off{background:#c05621}"
            + ".top{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start;padding:.8rem 1.2rem}"
            + ".headers{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:0;flex:1 1 38rem}"
            + ".headers dt{color:#4a5568;font-weight:600}.headers dd{margin:0;overflow-wrap:anywhere}"
            + ".summary{margin:0;padding:.5rem .8rem;border-radius:6px;font-weight:600}"
            + ".summary.pass{background:#c6f6d5}.summary.warn{background:#fefcbf}.summary.fail{background:#fed7d7}"
            + ".panes{display:flex;gap:1rem;align-items:flex-start;padding:0 1.2rem 1rem;overflow-x:auto}"
            + "figure{margin:0;background:#fff;border:1px solid #cbd5e0;border-radius:8px;padding:.5rem}"
            + "figcaption{font-weight:600;color:#4a5568;margin-bottom:.4rem}figcaption a{font-weight:400;"
            + "margin-left:.5rem}"
            + ".desktop{flex:1 1 640px;min-width:560px}.desktop iframe{width:100%}"
            + ".phone{flex:0 0 auto}.phone iframe{width:" + PHONE_WIDTH + "px;border:0;outline:1px solid #e2e8f0}"
            + "iframe{display:block;height:min(78vh,900px);border:1px solid #e2e8f0;background:#fff}"
            + ".text{flex:0 1 auto}.text pre{margin:0;height:min(78vh,900px);overflow:auto;white-space:pre;"
            + "font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;width:80ch;max-width:100%}"
            + "#checks{padding:0 1.2rem 2rem}#checks h2{font-size:16px}"
            + "#checks table{border-collapse:collapse;background:#fff;width:100%}"
            + "#checks td,#checks th{text-align:left;vertical-align:top;padding:.3rem .6rem;"
            + "border-bottom:1px solid #e2e8f0}#checks ul{margin:.2rem 0 0;padding-left:1.2rem;color:#4a5568}"
            + ".badge{display:inline-block;min-width:3rem;text-align:center;border-radius:4px;padding:0 .3rem;"
            + "font-size:12px;font-weight:700;text-transform:uppercase}"
            + ".badge.pass{background:#c6f6d5;color:#22543d}.badge.warn{background:#fefcbf;color:#744210}"
            + ".badge.fail{background:#fed7d7;color:#822727}.note{color:#4a5568}"
            + ".broken{margin:1.2rem;padding:1rem 1.4rem;background:#fff5f5;border:2px solid #c53030;border-radius:8px}"
            + ".broken h2{margin-top:0;color:#9b2c2c}.broken code{font-size:13px;white-space:pre-wrap}";
}
