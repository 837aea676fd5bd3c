package dev.newsletter.render.stencil;

import dev.newsletter.text.CharacterReference;
import java.util.Arrays;
import java.util.List;

/**
 * One body of a message (the HTML or the text) rendered once for a subscriber shape, with a slot
 * wherever a personal value goes: the stencil. A message's body is the literal text with each slot
 * filled by its field's value, escaped as the template escaped it in that place. {@link SlotFinder}
 * finds the literals, the slots and their escaping.
 */
final class PrerenderedBody {
    /** The characters whose escaping a slot records, {@code &} last so it cannot start an entity. */
    static final String ESCAPED = "<>\"'\u00A0&";

    private final String[] literals;
    private final int[] fields;
    private final String[][] escapes;
    private final boolean[] references;
    private final int literalLength;

    /**
     * @param literals the text around the slots: one more than there are slots
     * @param fields for each slot, the index of the personal field that fills it
     * @param escapes for each slot, how each of {@link #ESCAPED} comes out there
     * @param references for each slot, whether non-ASCII characters come out as numeric references
     *     ({@link AsciiHtml})
     */
    PrerenderedBody(List<String> literals, List<Integer> fields, List<String[]> escapes, List<Boolean> references) {
        this.literals = literals.toArray(String[]::new);
        this.fields = fields.stream().mapToInt(Integer::intValue).toArray();
        this.escapes = escapes.toArray(String[][]::new);
        this.references = new boolean[references.size()];
        for (int i = 0; i < this.references.length; i++) {
            this.references[i] = references.get(i);
        }
        this.literalLength = literals.stream().mapToInt(String::length).sum();
    }

    /** The text with every slot filled from {@code values}, escaped as the template escaped it. */
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
                i = CharacterReference.append(value, i, out);
            } else {
                out.append(c);
            }
        }
    }

    int slots() {
        return fields.length;
    }

    /**
     * Whether every slot escapes markup ({@code <} and {@code &}). In HTML a value printed unescaped
     * ({@code th:utext}) is markup that can change what is around it, so such a body is refused.
     */
    boolean escapesMarkup() {
        for (String[] escape : escapes) {
            if (escape[ESCAPED.indexOf('<')].equals("<") || escape[ESCAPED.indexOf('&')].equals("&")) {
                return false;
            }
        }
        return true;
    }

    boolean sameAs(PrerenderedBody other) {
        return Arrays.equals(literals, other.literals)
                && Arrays.equals(fields, other.fields)
                && Arrays.deepEquals(escapes, other.escapes)
                && Arrays.equals(references, other.references);
    }
}
