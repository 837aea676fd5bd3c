package dev.newsletter.render;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A template view-model map that refuses unknown keys: a template that asks for a variable the
 * model does not have fails with the variable's name, instead of rendering "Dear ," silently.
 */
final class StrictModel extends AbstractMap<String, Object> {
    private final String name;
    private final Map<String, Object> values;

    StrictModel(String name, Map<String, ?> values) {
        this.name = name;
        this.values = new LinkedHashMap<>(values);
    }

    @Override
    public Object get(Object key) {
        if (!values.containsKey(key)) {
            throw new UnknownVariableException("the template uses '" + name + "." + key
                    + "', which does not exist; known: " + String.join(", ", new TreeSet<>(values.keySet())));
        }
        return resolve(values.get(key));
    }

    private static Object resolve(Object value) {
        return value instanceof Fresh fresh ? fresh.get() : value;
    }

    /** A value made anew on each read (so that the watched values of {@code render.stencil} see every read). */
    interface Fresh {
        Object get();
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    /** The entries with their values as a read would give them (a template may print the whole map). */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        Set<Entry<String, Object>> entries = new LinkedHashSet<>();
        values.forEach((key, value) -> entries.add(new SimpleImmutableEntry<>(key, resolve(value))));
        return entries;
    }
}
