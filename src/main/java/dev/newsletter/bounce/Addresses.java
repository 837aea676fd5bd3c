package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Email addresses found in text and header values, lowercased. Lenient by design: it reads bounces. */
final class Addresses {
    static final Pattern ADDRESS = Pattern.compile("(?<![\\p{L}\\p{N}.!#$%&'*+/=?^_`{|}~-])"
            + "([\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
            + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+[\\p{L}][\\p{L}\\p{N}-]{0,62})"
            + "(?![\\p{L}\\p{N}-]|\\.[\\p{L}\\p{N}])");

    private Addresses() {}

    /** The first address in a header or field value ({@code rfc822; a@b.c}, {@code "A" <a@b.c>}), or null. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = ADDRESS.matcher(value);
        return matcher.find() ? lower(matcher.group(1)) : null;
    }

    /** Every address in a value, in order, without repeats. */
    static List<String> all(String value) {
        List<String> found = new ArrayList<>();
        Matcher matcher = ADDRESS.matcher(value);
        while (matcher.find()) {
            String address = lower(matcher.group(1));
            if (!found.contains(address)) {
                found.add(address);
            }
        }
        return found;
    }

    /** Lowercased, without the quotes or {@code SMTP=} / {@code SMTP:} prefix that text around it leaves on it. */
    static String lower(String address) {
        String clean = address.toLowerCase(Locale.ROOT);
        if (clean.indexOf('=') > 0 || clean.indexOf(':') > 0) {
            clean = clean.replaceFirst("^(?:smtp|rfc822|mailto)[=:]", "");
        }
        if (clean.indexOf('\'') >= 0 || clean.indexOf('`') >= 0) {
            clean = clean.replaceFirst("^['`]+", "").replaceFirst("['`]+(@)", "$1");
        }
        return clean;
    }

    /** Mail system addresses that are never the recipient a report is about. */
    static boolean isMailSystem(String address) {
        String local = address.substring(0, address.indexOf('@'));
        return local.matches(
                "(?i)mailer[-_.]?daemon|mail[-_.]?daemon|post[-_.]?master|mail[-_.]?delivery[-_.]?subsystem"
                        + "|mail[-_.]?(?:delivery|system)|microsoftexchange[0-9a-f]*|double-bounce");
    }
}
