package dev.newsletter.render;

import dev.newsletter.render.stencil.PersonalValues;
import dev.newsletter.subscriber.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values that make one message personal, in a fixed order: the subscriber's address, name,
 * first name, unsubscribe link, and each extra column in name order. Everything else a template
 * sees is the same for every subscriber of an issue. The templates read these values by index
 * ({@link ViewModel#subscriber}), so that {@code render.stencil} can put sentinels in their place.
 */
final class PersonalFields implements PersonalValues {
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

    @Override
    public List<String> values() {
        return values;
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public String name(int field) {
        return names.get(field);
    }

    @Override
    public String value(int field) {
        return values.get(field);
    }
}
