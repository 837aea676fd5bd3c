package dev.newsletter.render.stencil;

import java.util.List;

/**
 * What this package needs to know of one message's personal values: each by index, in the order the
 * templates read them, with its name. The renderer's {@code PersonalFields} is the one kind; this
 * package owns the type so that it depends on nothing of the renderer it speeds up.
 */
public interface PersonalValues {
    /** The values, by index. */
    List<String> values();

    int size();

    String value(int field);

    /** The field's name ({@code email}, {@code firstName}, or an extra column's); a shape differs by them. */
    String name(int field);
}
