package dev.newsletter.report;

import java.util.Locale;

/** Numbers as the reports write them: counts with thousands separators, shares as percentages. */
final class Numbers {
    private Numbers() {}

    static String count(double n) {
        return String.format(Locale.ROOT, "%,d", Math.round(n));
    }

    /** A share (0.0123) as a percentage ("1.23%"), with two decimals below 10 %. */
    static String percent(double share) {
        double p = share * 100;
        return String.format(Locale.ROOT, p < 10 ? "%.2f%%" : "%.1f%%", p);
    }

    /** A value already in percent (1.23) as "1.23%". */
    static String percentValue(double p) {
        return percent(p / 100);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond < 10 ? "%.2f/s" : "%,.0f/s", perSecond);
    }
}
