package dev.newsletter.render.stencil;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a shape's {@link PrerenderedBody pre-rendered bodies}: renders the templates in full with
 * sentinel values in place of the personal values and reads where the sentinels came out and how
 * they were escaped. It renders twice, with two variants of different length, each carrying the
 * characters escaping touches, and keeps the bodies only when both renders agree on every literal
 * character and every slot: a template that measures, cuts, compares or transforms a personal value
 * (anything beyond printing it, escaped or not) breaks a sentinel, makes the renders differ or is
 * caught by the {@link WatchedValues}, and gets nothing. The caller also checks the first message of
 * each shape against a full render.
 */
final class SlotFinder {
    /**
     * Characters that must come out as they are: a space, a non-ASCII letter (or its numeric
     * reference, {@link AsciiHtml}), a tab, a line break and a backslash. URL, JavaScript and CSS
     * escaping change some of them, so a value in such a context gets no slot.
     */
    private static final String KEPT = " \u00e9\t\n\\";

    private static final String REFERENCE = "&#233;";
    private static final String PROBE = KEPT + PrerenderedBody.ESCAPED;
    private static final Pattern ENTITY =
            Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");
    private static final String[] PADDING = {"", "q".repeat(29)};

    private final String start;
    private final String end;

    /** A finder whose sentinels carry a random mark, so no template text can be mistaken for one. */
    SlotFinder() {
        SecureRandom random = new SecureRandom();
        char[] mark = new char[12];
        for (int i = 0; i < mark.length; i++) {
            mark[i] = (char) ('a' + random.nextInt(26));
        }
        this.start = "zq" + new String(mark);
        this.end = "_" + new StringBuilder(new String(mark)).reverse() + "qz";
    }

    /**
     * The pre-rendered message for the shape of {@code fields}, or empty when the templates do more
     * with a personal value than print it.
     */
    Optional<PrerenderedShapes.Message> find(PersonalValues fields, PrerenderedShapes.FullRender render) {
        PrerenderedBody[] html = new PrerenderedBody[2];
        PrerenderedBody[] text = new PrerenderedBody[2];
        for (int variant = 0; variant < 2; variant++) {
            List<String> sentinel = sentinels(fields, variant);
            WatchedValues watched = new WatchedValues();
            PrerenderedShapes.Bodies bodies;
            try {
                bodies = render.render(i -> sentinel.get(i).isEmpty() ? "" : watched.handOut(sentinel.get(i)));
            } catch (RuntimeException e) {
                return Optional.empty(); // the template does more with a value than print it
            }
            Optional<PrerenderedBody> htmlBody = read(bodies.html(), variant);
            Optional<PrerenderedBody> textBody = read(bodies.text(), variant);
            if (htmlBody.isEmpty()
                    || !htmlBody.get().escapesMarkup()
                    || textBody.isEmpty()
                    || !watched.onlyPrinted(
                            htmlBody.get().slots() + textBody.get().slots())) {
                return Optional.empty();
            }
            html[variant] = htmlBody.get();
            text[variant] = textBody.get();
        }
        if (!html[0].sameAs(html[1]) || !text[0].sameAs(text[1])) {
            return Optional.empty();
        }
        return Optional.of(new PrerenderedShapes.Message(html[0], text[0]));
    }

    /** The sentinel texts for the fields, in variant 0 or 1 (of different lengths); an empty field stays empty. */
    private List<String> sentinels(PersonalValues fields, int variant) {
        List<String> values = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            values.add(
                    fields.values().get(i).isEmpty()
                            ? ""
                            : start + (char) ('a' + variant) + i + "_" + PROBE + PADDING[variant] + end);
        }
        return values;
    }

    /**
     * The body with slots of an output rendered with the {@link #sentinels} of this variant, or empty
     * when the output does not show the values as plain (possibly escaped) text.
     */
    private Optional<PrerenderedBody> read(String output, int variant) {
        List<String> literals = new ArrayList<>();
        List<Integer> fields = new ArrayList<>();
        List<String[]> escapes = new ArrayList<>();
        List<Boolean> references = new ArrayList<>();
        int from = 0;
        for (int at = output.indexOf(start); at >= 0; at = output.indexOf(start, from)) {
            literals.add(output.substring(from, at));
            int p = at + start.length();
            if (p >= output.length() || output.charAt(p) != 'a' + variant) {
                return Optional.empty();
            }
            int digits = ++p;
            while (p < output.length() && Character.isDigit(output.charAt(p))) {
                p++;
            }
            if (p == digits || p - digits > 4 || !output.startsWith("_", p)) {
                return Optional.empty();
            }
            fields.add(Integer.parseInt(output.substring(digits, p)));
            String[] escape = new String[PrerenderedBody.ESCAPED.length()];
            boolean referenced = output.startsWith(" " + REFERENCE, p + 1);
            p = readProbe(output, p + 1, escape, referenced);
            String tail = PADDING[variant] + end;
            if (p < 0 || !output.startsWith(tail, p)) {
                return Optional.empty();
            }
            escapes.add(escape);
            references.add(referenced);
            from = p + tail.length();
        }
        literals.add(output.substring(from));
        for (String literal : literals) {
            String lower = literal.toLowerCase(Locale.ROOT);
            if (lower.contains(start.substring(2, 8)) || lower.contains(end.substring(1, 7))) {
                return Optional.empty(); // a sentinel the template cut or changed
            }
        }
        return Optional.of(new PrerenderedBody(literals, fields, escapes, references));
    }

    /** Reads how each probe character came out; returns the position after the probe, or -1. */
    private static int readProbe(String output, int p, String[] escape, boolean referenced) {
        for (int i = 0; i < PROBE.length(); i++) {
            char c = PROBE.charAt(i);
            if (c == '\u00e9' && referenced) {
                p += REFERENCE.length();
                continue;
            }
            Matcher entity = ENTITY.matcher(output).region(p, output.length());
            boolean raw = p < output.length() && output.charAt(p) == c;
            if (raw && !(c == '&' && entity.lookingAt())) {
                p++;
                if (i >= KEPT.length()) {
                    escape[i - KEPT.length()] = String.valueOf(c);
                }
            } else if (i >= KEPT.length() && entity.lookingAt()) {
                escape[i - KEPT.length()] = entity.group();
                p = entity.end();
            } else {
                return -1;
            }
        }
        return p;
    }
}
