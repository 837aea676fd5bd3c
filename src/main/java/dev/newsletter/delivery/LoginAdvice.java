package dev.newsletter.delivery;

import java.util.Locale;

/** What to change when a relay refuses an XOAUTH2 login, from the words Microsoft and Google use. */
public final class LoginAdvice {
    private LoginAdvice() {}

    /** One sentence of advice for a refusal {@code reply} (the relay's final reply line). */
    public static String forRefusal(String reply) {
        String text = reply.toLowerCase(Locale.ROOT);
        if (text.contains("smtpclientauthentication is disabled") || text.contains("smtp auth is disabled")) {
            return "Microsoft 365 has SMTP AUTH disabled for this mailbox or the whole tenant: turn it on for the"
                    + " mailbox (Exchange Online PowerShell: Set-CASMailbox -Identity <mailbox>"
                    + " -SmtpClientAuthenticationDisabled $false), or send through a connector (docs/oauth.md)";
        }
        if (text.contains("5.7.139") || text.contains("5.7.3 ")) {
            return "Microsoft 365: check that the app has SMTP.SendAsApp with admin consent, that its service"
                    + " principal exists (New-ServicePrincipal) and has FullAccess to the mailbox"
                    + " (Add-MailboxPermission), and that smtp.username is that mailbox (docs/oauth.md)";
        }
        if (text.contains("5.7.8") || text.contains("5.7.9")) {
            return "Google: the token is not for this mailbox or lacks the scope https://mail.google.com/; for a"
                    + " service account check its domain-wide delegation (docs/oauth.md)";
        }
        if (text.startsWith("454")) {
            return "the relay refused for now (454): run again later";
        }
        return "check that the token's app may send as smtp.username (docs/oauth.md)";
    }
}
