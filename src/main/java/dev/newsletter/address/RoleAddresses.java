package dev.newsletter.address;

import java.util.Locale;
import java.util.Set;

/**
 * Role addresses ({@code postmaster@}, {@code noreply@}, {@code info@}): mailboxes of a function,
 * not a person. Nobody there subscribed, mail to them is often unread or reported as spam, and
 * several providers treat lists full of them as bought.
 */
public final class RoleAddresses {
    private static final Set<String> ROLES = Set.of(
            "abuse",
            "admin",
            "administrator",
            "billing",
            "contact",
            "do-not-reply",
            "donotreply",
            "hostmaster",
            "info",
            "list",
            "list-request",
            "mailer-daemon",
            "marketing",
            "newsletter",
            "no-reply",
            "no_reply",
            "nobody",
            "noc",
            "noreply",
            "office",
            "postmaster",
            "privacy",
            "root",
            "sales",
            "security",
            "spam",
            "support",
            "unsubscribe",
            "webmaster");

    private RoleAddresses() {}

    /** Whether the local part (before any {@code +tag}) names a role. */
    public static boolean isRole(EmailAddress address) {
        String local = address.localPart().toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        return ROLES.contains(plus > 0 ? local.substring(0, plus) : local);
    }
}
