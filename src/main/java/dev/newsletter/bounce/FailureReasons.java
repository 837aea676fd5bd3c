package dev.newsletter.bounce;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a failure is the address's fault ({@code hard-bounce}) or not ({@code soft-bounce}), from
 * the status code and the server's words. Hard means the address itself is bad: no such user (5.1.1),
 * no such host or domain (5.1.2, 5.4.4, null MX 5.1.10), moved (5.1.6), or an account that is
 * disabled or deleted. Everything else — full, too big, policy, spam, blocklists, rate limits,
 * expiry, anything temporary — is soft, and so is anything unclear: suppressing a reader wrongly is
 * worse than one more try.
 */
final class FailureReasons {
    static final Set<String> HARD_CODES = Set.of("5.1.1", "5.1.2", "5.1.6", "5.1.10", "5.4.4");

    /** The address does not exist (any mailbox provider, a few languages). Matched on lowercased text. */
    private static final List<String> NO_SUCH_USER = List.of(
            "user unknown",
            "unknown user",
            "user is unknown",
            "unknown recipient",
            "recipient unknown",
            "unknown local part",
            "unknown local-part",
            "unknown address",
            "address unknown",
            "unknown mailbox",
            "mailbox unknown",
            "no such user",
            "no such recipient",
            "no such mailbox",
            "no such account",
            "no such address",
            "no such person",
            "no mailbox here",
            "no mailbox by that name",
            "mailbox not found",
            "mailbox does not exist",
            "mailbox doesn't exist",
            "mailbox is not exist",
            "mailbox unavailable",
            "mailbox is unavailable",
            "mailbox not available",
            "mailbox name not allowed",
            "user does not exist",
            "user doesn't exist",
            "user not found",
            "user not exist",
            "recipient does not exist",
            "recipient not found",
            "recipient address does not exist",
            "address does not exist",
            "address doesn't exist",
            "address not found",
            "account does not exist",
            "account doesn't exist",
            "account not found",
            "email account that you tried to reach does not exist",
            "does not have an account",
            "doesn't have a",
            "not a valid mailbox",
            "not a valid user",
            "invalid mailbox",
            "invalid recipient",
            "recipient invalid",
            "invalid user",
            "user invalid",
            "invalid address",
            "bad destination mailbox address",
            "destination mailbox address invalid",
            "recipnotfound",
            "recipient not recognized",
            "not our customer",
            "not listed in",
            "unrouteable address",
            "unroutable address",
            "no valid recipients",
            "is not a known user",
            "there is no one at this address",
            "addressee unknown",
            "this address no longer accepts mail",
            "address no longer",
            "no longer in use",
            "no longer available",
            "no longer active",
            "no longer valid",
            "does not exist",
            "doesn't exist",
            "dosn't exist",
            "invalid-recipient",
            "unknown or illegal alias",
            "alias unknown",
            "has no mailbox",
            "no such local",
            "not a valid recipient",
            "undeliverable address",
            "user not local",
            "account is unavailable",
            "tried to reach is disabled",
            "recipient is not exist",
            "user is not exist",
            // account gone or disabled
            "account disabled",
            "account has been disabled",
            "account is disabled",
            "account deleted",
            "account has been deleted",
            "account inactive",
            "account is inactive",
            "inactive account",
            "disabled account",
            "account has been deactivated",
            "account deactivated",
            "mailbox disabled",
            "mailbox has been disabled",
            "mailbox is disabled",
            "mailbox inactive",
            "mailbox is inactive",
            "account has been terminated",
            "account closed",
            "account has been closed",
            "account expired",
            "account has expired",
            "user account is expired",
            "suspended account",
            "account has been suspended",
            "account suspended",
            // moved
            "user has moved",
            "mailbox has moved",
            "address has changed",
            "destination mailbox has moved",
            // German, French, Spanish, Italian, Portuguese, Dutch, Polish, Czech, Swedish, Russian, Japanese
            "unbekannt",
            "existiert nicht",
            "nicht vorhanden",
            "postfach nicht gefunden",
            "ungültige empfänger",
            "utilisateur inconnu",
            "destinataire inconnu",
            "adresse inconnue",
            "n'existe pas",
            "n’existe pas",
            "introuvable",
            "usuario desconocido",
            "destinatario desconocido",
            "no existe",
            "buzón no encontrado",
            "utente sconosciuto",
            "destinatario sconosciuto",
            "non esiste",
            "inesistente",
            "usuário desconhecido",
            "utilizador desconhecido",
            "não existe",
            "onbekende gebruiker",
            "gebruiker onbekend",
            "bestaat niet",
            "nie istnieje",
            "nieznany użytkownik",
            "neexistuje",
            "finns inte",
            "okänd mottagare",
            "не существует",
            "не найден",
            "неизвестный",
            "存在しません",
            "ディレクトリのリストにありません",
            "宛先不明",
            "不存在",
            "inexistente",
            "inexistant",
            "нет такого",
            "존재하지 않");

    /** The host or domain does not exist or takes no mail. */
    private static final List<String> NO_SUCH_HOST = List.of(
            "host unknown",
            "unknown host",
            "host not found",
            "hostname not found",
            "domain not found",
            "no such domain",
            "domain does not exist",
            "domain doesn't exist",
            "unknown domain",
            "domain unknown",
            "nxdomain",
            "name or service not known",
            "host or domain name not found",
            "bad destination system address",
            "domain does not accept mail",
            "does not accept mail",
            "null mx",
            "no mx record",
            "no mx for",
            "mx lookup failed",
            "domain has no mx",
            "unresolvable address",
            "unrouteable mail domain",
            "invalid domain",
            "domain is not valid",
            "domain not valid",
            "point to non-existent hosts",
            "non-existent host",
            "nonexistent domain",
            "non-existent domain",
            "no mx or a");

    /**
     * A refusal of our own sender address ("Sender address rejected: Domain not found", a reply to
     * MAIL FROM, a failed sender verification): its words about a domain or a user, and even a
     * 5.1.1 a relay put on it, are about us, not the reader.
     */
    private static final List<String> OUR_SENDER_REFUSED = List.of(
            "sender address rejected",
            "sender address is invalid",
            "sender domain",
            "unroutable sender",
            "unrouteable sender",
            "after mail from",
            "in reply to mail from",
            "sender verify",
            "sender verification",
            "verification failed for");

    /**
     * A name server that failed to answer (Postfix's "Malformed or unexpected name server reply",
     * "Host not found, try again", SERVFAIL): the domain may well exist, so even a 5.4.4 is soft.
     */
    private static final List<String> DNS_DID_NOT_ANSWER = List.of(
            "malformed or unexpected name server reply",
            "host not found, try again",
            "servfail",
            "server failure",
            "temporary failure in name resolution");

    /** The address exists and its owner's settings refuse us: no bad address, even under a 5.1.1. */
    private static final List<String> RECIPIENT_REFUSES_US = List.of(
            "recipient preferences", "accept mail from you", "blocked by the recipient", "blocked by recipient");

    /** Words that say the failure was not the address's fault: they win over the lists above. */
    private static final List<String> NOT_THE_ADDRESS = List.of(
            "quota",
            "mailbox full",
            "mailbox is full",
            "box full",
            "inbox is full",
            "mailbox has exceeded",
            "insufficient",
            "over limit",
            "storage",
            "too big",
            "too large",
            "size limit",
            "message size",
            "exceeds",
            "exceeded",
            "spam",
            "junk",
            "blocked",
            "block list",
            "blocklist",
            "blacklist",
            "denylist",
            "spamhaus",
            "spamcop",
            "barracuda",
            "rbl",
            "dnsbl",
            "listed at",
            "listed on",
            "listed by",
            "reputation",
            "policy",
            "rate limit",
            "rate-limit",
            "too many",
            "temporar",
            "try again",
            "try later",
            "timeout",
            "timed out",
            "time out",
            "message expired",
            "delivery time expired",
            "expired after",
            "expired in",
            "queue too long",
            "time limit",
            "greylist",
            "graylist",
            "virus",
            "malware",
            "dmarc",
            "spf",
            "dkim",
            "unauthenticated",
            "authentication",
            "content rejected",
            "not permitted",
            "access denied",
            "relay access denied",
            "relaying denied",
            "unable to relay",
            "not allowed to relay",
            "relay not permitted",
            "relaying not allowed",
            "loops back",
            "mail loop",
            "busy",
            "deferred",
            "delayed",
            "voll",
            "pleine",
            "lleno",
            "pieno",
            "piena",
            "bloquead",
            "bloccat",
            "gesperrt",
            "überschritten",
            "容量");

    private FailureReasons() {}

    /** True when the failure means the address is bad. */
    static boolean isHard(String status, String text, boolean finalFailure) {
        String words = normalised(text);
        if (status != null) {
            if (status.startsWith("2")) {
                return false;
            }
            if (status.equals("5.4.1") && words.contains("recipient address rejected: access denied")) {
                // Exchange Online's directory-based edge blocking: the recipient is not in the directory
                return true;
            }
            if (HARD_CODES.contains(status)) {
                return !containsAny(
                                words,
                                "quota",
                                "mailbox full",
                                "mailbox is full",
                                "over limit",
                                "spam",
                                "blocked",
                                "blacklist",
                                "blocklist",
                                "policy",
                                "reputation")
                        && !containsAny(words, OUR_SENDER_REFUSED)
                        && !containsAny(words, DNS_DID_NOT_ANSWER)
                        && !containsAny(words, RECIPIENT_REFUSES_US);
            }
            if (status.startsWith("4") && !finalFailure) {
                return false;
            }
            if (status.matches("5\\.(1\\.[78]|2\\.[23]|3\\.[1-4]|[67]\\.\\d+|4\\.[5-9])")) {
                // our sender address refused, full, too big, system full, policy, content, congestion:
                // never the reader's address
                return false;
            }
        }
        return saysAddressIsBad(words);
    }

    static boolean saysAddressIsBad(String text) {
        String words = normalised(text);
        return (containsAny(words, NO_SUCH_USER) || containsAny(words, NO_SUCH_HOST))
                && !containsAny(words, NOT_THE_ADDRESS)
                && !containsAny(words, OUR_SENDER_REFUSED)
                && !containsAny(words, DNS_DID_NOT_ANSWER)
                && !containsAny(words, RECIPIENT_REFUSES_US);
    }

    /** The status code the words imply, when the message gives none: {@code 5.1.1} for "user unknown"… */
    static String impliedStatus(String text, boolean temporary) {
        String words = normalised(text);
        char severity = temporary ? '4' : '5';
        if (containsAny(words, "quota", "mailbox full", "mailbox is full", "box full", "inbox is full")) {
            return severity + ".2.2";
        }
        if (containsAny(words, "too big", "too large", "size limit", "message size")) {
            return severity + ".3.4";
        }
        if (containsAny(words, NOT_THE_ADDRESS)
                || containsAny(words, OUR_SENDER_REFUSED)
                || containsAny(words, DNS_DID_NOT_ANSWER)
                || containsAny(words, RECIPIENT_REFUSES_US)) {
            return null;
        }
        if (containsAny(words, "does not accept mail", "null mx", "nullmx")) {
            return severity + ".1.10";
        }
        if (containsAny(words, NO_SUCH_HOST)) {
            return severity + ".1.2";
        }
        if (containsAny(words, "moved", "address has changed")) {
            return severity + ".1.6";
        }
        if (containsAny(words, NO_SUCH_USER)) {
            return severity + ".1.1";
        }
        return null;
    }

    /** Lowercased, accents composed, whitespace collapsed, typographic apostrophes plain. */
    static String normalised(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("\\s+", " ");
    }

    private static boolean containsAny(String words, List<String> phrases) {
        for (String phrase : phrases) {
            if (words.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsAny(String words, String... phrases) {
        return containsAny(words, List.of(phrases));
    }
}
