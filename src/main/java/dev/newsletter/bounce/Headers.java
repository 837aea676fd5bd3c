package dev.newsletter.bounce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Header fields by lowercased name, values unfolded and decoded. Also parses a bare header block
 * (a {@code text/rfc822-headers} part, a DSN's field groups, a quoted original), leniently: lines
 * without a colon are skipped, not refused.
 */
final class Headers {
    private static final int MAX_VALUES_PER_NAME = 2_000;
    private static final int MAX_VALUE_LENGTH = 4_000;
    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\s*\\r?\\n\\s*");

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    void add(String name, String value) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            return;
        }
        List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (list.size() < MAX_VALUES_PER_NAME) {
            String clean =
                    (value.indexOf('\n') < 0 ? value : LINE_BREAK.matcher(value).replaceAll(" ")).strip();
            list.add(clean.length() > MAX_VALUE_LENGTH ? clean.substring(0, MAX_VALUE_LENGTH) : clean);
        }
    }

    /** The first value of {@code name}, or "" when there is none. */
    String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** Parses header lines up to the first empty line (or the end); continuation lines are unfolded. */
    static Headers parse(CharSequence block) {
        Headers headers = new Headers();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : block.toString().split("\\r?\\n", -1)) {
            if (line.isBlank()) {
                if (name != null || !headers.isEmpty()) {
                    break;
                }
                continue; // leading blank lines
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(name, value.toString());
                name = null;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().matches("[!-9;-~]+")) {
                name = line.substring(0, colon);
                value.setLength(0);
                value.append(line.substring(colon + 1).strip());
            }
        }
        if (name != null) {
            headers.add(name, value.toString());
        }
        return headers;
    }

    /** Splits a DSN body into its field groups (separated by empty lines), each parsed as headers. */
    static List<Headers> groups(CharSequence text) {
        List<Headers> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        for (String line : text.toString().split("\\r?\\n", -1)) {
            if (line.isBlank()) {
                if (!group.isEmpty()) {
                    groups.add(parse(group));
                    group.setLength(0);
                }
            } else {
                group.append(line).append('\n');
            }
        }
        if (!group.isEmpty()) {
            groups.add(parse(group));
        }
        return groups;
    }
}
