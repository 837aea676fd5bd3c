package dev.newsletter.address;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Likely typos of the big mailbox providers' domains ({@code gmial.com}, {@code hotmial.com},
 * {@code gmail.con}): a domain one edit away (two for long names) from a big one, and not a known
 * provider itself. Mail to a typo domain bounces or, worse, reaches a squatter.
 *
 * <p>An instance caches its answers (up to a bound), so checking a million rows from a few thousand
 * domains is cheap; it is not thread-safe.
 */
public final class DomainTypos {
    /** The domains most addresses are at, which typos are measured against. */
    private static final List<String> BIG = List.of(
            "gmail.com",
            "googlemail.com",
            "yahoo.com",
            "hotmail.com",
            "outlook.com",
            "live.com",
            "msn.com",
            "aol.com",
            "icloud.com",
            "protonmail.com",
            "comcast.net",
            "verizon.net",
            "gmx.de",
            "gmx.net",
            "web.de",
            "yandex.ru",
            "mail.ru");

    /** Real providers' domains that are close to a big one but are not typos. */
    private static final Set<String> KNOWN = Set.of(
            "aim.com",
            "att.net",
            "free.fr",
            "gmx.at",
            "gmx.ch",
            "gmx.com",
            "hotmail.co.uk",
            "hotmail.de",
            "hotmail.fr",
            "hotmail.it",
            "live.ca",
            "live.de",
            "live.fr",
            "mac.com",
            "mail.com",
            "me.com",
            "msn.cn",
            "pm.me",
            "proton.me",
            "qq.com",
            "yahoo.ca",
            "yahoo.co.uk",
            "yahoo.de",
            "yahoo.fr",
            "yahoo.in",
            "yandex.com",
            "ymail.com",
            "zoho.com");

    private static final int CACHE_LIMIT = 100_000;

    private final Map<String, Optional<String>> cache = new HashMap<>();

    /** The big domain {@code domain} is probably a typo of, if any. Expects the lower-case ASCII form. */
    public Optional<String> suggestionFor(String domain) {
        Optional<String> cached = cache.get(domain);
        if (cached != null) {
            return cached;
        }
        Optional<String> answer = compute(domain);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(domain, answer);
        }
        return answer;
    }

    private static Optional<String> compute(String domain) {
        if (BIG.contains(domain) || KNOWN.contains(domain)) {
            return Optional.empty();
        }
        for (String big : BIG) {
            int allowed = big.length() >= 10 ? 2 : 1;
            if (Math.abs(big.length() - domain.length()) <= allowed && distance(domain, big, allowed) <= allowed) {
                return Optional.of(big);
            }
        }
        return Optional.empty();
    }

    /** Optimal string alignment distance (edits, with a swap of neighbours as one), capped at {@code max + 1}. */
    static int distance(String a, String b, int max) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > max) {
                return max + 1;
            }
        }
        return d[a.length()][b.length()];
    }
}
