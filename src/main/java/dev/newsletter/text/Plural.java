package dev.newsletter.text;

import java.util.Locale;

/** A count with its noun in the right number, for messages: {@code 1 address}, {@code 2 addresses}. */
public final class Plural {
    private Plural() {}

    /** {@code n} and {@code one} when {@code n} is 1, else {@code n} and {@code many}. */
    public static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? one : many);
    }
}
