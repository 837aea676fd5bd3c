package dev.newsletter.bounce;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 3834 automatic replies (vacation, out of office): {@code Auto-Submitted: auto-replied}, the
 * {@code X-Autoreply}/{@code X-Autorespond} headers, {@code Precedence: auto_reply}, or a vacation
 * subject in one of the common languages. Never a bounce; the recipient is who replied.
 */
final class AutoReply {
    private static final Pattern SUBJECT =
            Pattern.compile("(?i)out of (?:the )?office|automatic reply|auto[- ]?reply|auto[- ]?response|autoresponder|"
                    + "vacation|on holiday|away from (?:the )?office|abwesenheit|automatische antwort|"
                    + "r[ée]ponse automatique|absence du bureau|respuesta autom[áa]tica|fuera de la oficina|"
                    + "risposta automatica|fuori ufficio|resposta autom[áa]tica|automatisch antwoord|afwezig|"
                    + "automatiskt svar|autosvar|automatyczna odpowied|nieobecno|自動応答|不在|自动回复");

    private AutoReply() {}

    static boolean applies(MailParts parts) {
        Headers headers = parts.headers;
        String autoSubmitted = headers.first("auto-submitted").toLowerCase(Locale.ROOT);
        String precedence = headers.first("precedence").toLowerCase(Locale.ROOT);
        return autoSubmitted.startsWith("auto-replied")
                || headers.has("x-autoreply")
                || headers.has("x-autorespond")
                || headers.has("x-autoresponder")
                || precedence.contains("auto_reply")
                || SUBJECT.matcher(headers.first("subject")).find();
    }

    static Finding finding(MailParts parts, String messageId) {
        String from = Addresses.first(parts.headers.first("from"));
        return Finding.of(Kind.AUTO_REPLY, from, null, parts.headers.first("subject"), messageId);
    }
}
