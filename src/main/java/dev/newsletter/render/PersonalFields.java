package dev.newsletter.render;

import dev.newsletter.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values that make one message personal, in a fixed order: the subscriber's address, name,
 * first name, each extra column, and their unsubscribe link. Everything else a template sees is the
 * same for every subscriber of an issue. {@link #shape()} groups subscribers whose messages a
 * template can render differently only through these values, which is what a {@link PrerenderedBody}
 * relies on.
 */
public final class PersonalFields {
    static final int EMAIL = 0;
    static final int NAME = 1;
    static final int FIRST_NAME = 2;
    static final int UNSUBSCRIBE = 3;
    /** Extra columns start here, in name order. */
    static final int ATTRIBUTES = 4;

    private final List<String> names;
    private final List<String> values;

    private PersonalFields(List<String> names, List<String> values) {
        this.names = names;
        this.values = values;
    }

    static PersonalFields of(Subscriber subscriber, String unsubscribeLink) {
        String name = subscriber.name();
        int space = name.indexOf(' ');
        Map<String, String> attributes = new TreeMap<>(subscriber.attributes());
        List<String> names = new ArrayList<>(ATTRIBUTES + attributes.size());
        List<String> values = new ArrayList<>(ATTRIBUTES + attributes.size());
        names.addAll(List.of("email", "name", "firstName", "unsubscribe"));
        values.addAll(List.of(
                subscriber.email().toString(), name, space > 0 ? name.substring(0, space) : name, unsubscribeLink));
        attributes.forEach((key, value) -> {
            names.add(key);
            values.add(value == null ? "" : value);
        });
        return new PersonalFields(List.copyOf(names), List.copyOf(values));
    }

    public List<String> values() {
        return values;
    }

    public int size() {
        return values.size();
    }

    /**
     * Which fields there are and which of them are empty: templates may well say "Hello," instead of
     * "Dear Zoë," or leave out an empty affiliation, so each shape gets its own stencil.
     */
    public String shape() {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            shape.append(values.get(i).isEmpty() ? '0' : '1');
        }
        for (int i = ATTRIBUTES; i < names.size(); i++) {
            shape.append('\u0000').append(names.get(i));
        }
        return shape.toString();
    }

    /**
     * Whether a stencil can stand for this subscriber. A value of only white space is not empty, yet
     * Thymeleaf's {@code #strings.isEmpty} calls it empty: no sentinel can behave like it. Control
     * characters and lone surrogates are escaped differently in different places. Such a subscriber is
     * rendered in full.
     */
    public boolean stencilable() {
        for (String value : values) {
            if (!value.isEmpty() && value.isBlank()) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
                    return false;
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++; // a whole pair: one character outside the BMP
                } else if (Character.isSurrogate(c)) {
                    return false; // a lone half
                }
            }
        }
        return true;
    }

    String name(int field) {
        return names.get(field);
    }

    public String value(int field) {
        return values.get(field);
    }
}
