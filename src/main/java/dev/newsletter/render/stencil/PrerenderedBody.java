package dev.newsletter.render.stencil;

import dev.newsletter.render.AsciiHtml;
import dev.newsletter.render.PersonalFields;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rendered template with holes where the {@link PersonalFields} go, so that one render serves
 * every subscriber of the same {@link PersonalFields#shape() shape}: a message is the literal text
 * with each hole filled by its field's value, escaped as the template escaped it.
 *
 * <p>A stencil is found by rendering the template twice with sentinel values (two variants of
 * different length, each carrying the characters escaping touches) and reading where the sentinels
 * came out and how they were escaped. It exists only when both renders agree on every literal
 * character and every hole: a template that measures, cuts, compares or transforms a personal value
 * (anything beyond printing it, escaped or not) breaks a sentinel or makes the renders differ, and
 * gets no stencil. The caller also checks the first stencilled message of each shape against a full
 * render.
 */
final class PrerenderedBody {
    /** The characters whose escaping a sentinel reveals, {@code &} last so it cannot start an entity. */
    private static final String ESCAPED = "<>\"'\u00A0&";

    /**
     * Characters that must come out as they are: a space, a non-ASCII letter (or its numeric
     * reference, {@link AsciiHtml}), a tab, a line break and a backslash. URL, JavaScript and CSS
     * escaping change some of them, so a value in such a context gets no stencil.
     */
    private static final String KEPT = " \u00e9\t\n\\";

    private static final String REFERENCE = "&#233;";
    private static final String PROBE = KEPT + ESCAPED;
    private static final Pattern ENTITY =
            Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");
    private static final String[] PADDING = {"", "q".repeat(29)};

    private final String[] literals;
    private final int[] fields;
    private final String[][] escapes;
    private final boolean[] references;
    private final int literalLength;

    private PrerenderedBody(
            List<String> literals, List<Integer> fields, List<String[]> escapes, List<Boolean> references) {
        this.literals = literals.toArray(String[]::new);
        this.fields = fields.stream().mapToInt(Integer::intValue).toArray();
        this.escapes = escapes.toArray(String[][]::new);
        this.references = new boolean[references.size()];
        for (int i = 0; i < this.references.length; i++) {
            this.references[i] = references.get(i);
        }
        this.literalLength = literals.stream().mapToInt(String::length).sum();
    }

    /** The text with every hole filled from {@code values}, escaped as the template escaped it. */
    String fill(List<String> values) {
        StringBuilder out = new StringBuilder(literalLength + 64 * fields.length);
        for (int i = 0; i < fields.length; i++) {
            out.append(literals[i]);
            appendEscaped(out, values.get(fields[i]), escapes[i], references[i]);
        }
        return out.append(literals[fields.length]).toString();
    }

    private static void appendEscaped(StringBuilder out, String value, String[] escape, boolean references) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int which = ESCAPED.indexOf(c);
            if (which >= 0) {
                out.append(escape[which]);
            } else if (c >= 0x80 && references) {
                i = AsciiHtml.appendReference(value, i, out);
            } else {
                out.append(c);
            }
        }
    }

    int holes() {
        return fields.length;
    }

    /**
     * Whether every hole escapes markup ({@code <} and {@code &}). In HTML a value printed unescaped
     * ({@code th:utext}) is markup that can change what is around it, so such a stencil is refused.
     */
    boolean escapesMarkup() {
        for (String[] escape : escapes) {
            if (escape[ESCAPED.indexOf('<')].equals("<") || escape[ESCAPED.indexOf('&')].equals("&")) {
                return false;
            }
        }
        return true;
    }

    /** The sentinel values of one render, and how to read them back out of its output. */
    static final class Sentinels {
        private final String start;
        private final String end;

        /** Sentinels with a random mark, so no template text can be mistaken for one. */
        Sentinels() {
            SecureRandom random = new SecureRandom();
            char[] mark = new char[12];
            for (int i = 0; i < mark.length; i++) {
                mark[i] = (char) ('a' + random.nextInt(26));
            }
            this.start = "zq" + new String(mark);
            this.end = "_" + new StringBuilder(new String(mark)).reverse() + "qz";
        }

        /** The sentinel texts for the fields, in variant 0 or 1 (of different lengths); an empty field stays empty. */
        List<String> values(PersonalFields fields, int variant) {
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
         * The stencil of an output rendered with {@link #values} of this variant, or empty when the
         * output does not show the values as plain (possibly escaped) text.
         */
        Optional<PrerenderedBody> read(String output, int variant) {
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
                String[] escape = new String[ESCAPED.length()];
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
                String lower = literal.toLowerCase(java.util.Locale.ROOT);
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

    boolean sameAs(PrerenderedBody other) {
        return Arrays.equals(literals, other.literals)
                && Arrays.equals(fields, other.fields)
                && Arrays.deepEquals(escapes, other.escapes)
                && Arrays.equals(references, other.references);
    }
}
