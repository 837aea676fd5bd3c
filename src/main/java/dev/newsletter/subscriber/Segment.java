package dev.newsletter.subscriber;

import dev.newsletter.input.InvalidInputException;
import dev.newsletter.input.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which rows of a list a send is for: those with any of {@code tags} (none given: any row) and, for
 * every {@code where} entry, that column's value. Tags are the {@code ;}-separated values of the
 * {@code tags} column; tags and values compare after trimming and in any case ({@code --tag Alumni}
 * finds {@code alumni}, {@code --where email=Ann@Example.org} finds {@code ann@example.org}), since a
 * segment that silently selects no one for a capital letter is worse than none; column names follow the
 * header's rules (any case; spaces and hyphens count as underscores), so {@code --where Role=x}
 * finds the column {@code role}. Status and suppression are not a segment's business: the send
 * applies them to the rows a segment selects exactly as to a whole list.
 *
 * @param tags any of these (empty: no condition)
 * @param where column (normalised) → value; all of them (empty: no condition)
 */
public record Segment(List<String> tags, Map<String, String> where) {
    public Segment {
        tags = tags.stream().map(String::strip).distinct().toList();
        Map<String, String> normalised = new LinkedHashMap<>();
        where.forEach((column, value) -> normalised.put(Header.normalize(column), value.strip()));
        where = java.util.Collections.unmodifiableMap(normalised);
    }

    /** Every row of the list. */
    public static Segment everyone() {
        return new Segment(List.of(), Map.of());
    }

    /**
     * The segment of command-line options: {@code tags} as given, {@code conditions} as {@code
     * FIELD=VALUE} each.
     *
     * @throws IllegalArgumentException for a condition without {@code =} or without a field name
     */
    public static Segment of(List<String> tags, List<String> conditions) {
        Map<String, String> where = new LinkedHashMap<>();
        for (String condition : conditions) {
            int eq = condition.indexOf('=');
            if (eq <= 0 || condition.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException(
                        "--where '" + condition + "' is not FIELD=VALUE (e.g. --where role=student)");
            }
            String column = condition.substring(0, eq);
            String value = condition.substring(eq + 1);
            if (condition.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException(
                        "--where '" + condition.replaceAll("\\p{Cntrl}", "?") + "' holds a control character");
            }
            String earlier = where.put(Header.normalize(column), value.strip());
            if (earlier != null && !earlier.equalsIgnoreCase(value.strip())) {
                throw new IllegalArgumentException("--where names the field '" + column.strip()
                        + "' twice with different values ('" + earlier + "' and '" + value.strip()
                        + "'); no row can match both");
            }
        }
        for (String tag : tags) {
            if (tag.isBlank() || tag.contains(";") || tag.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("--tag '" + tag.replaceAll("\\p{Cntrl}", "?")
                        + "' is not a tag (tags are not empty and hold no ';', which separates them, and no"
                        + " control characters)");
            }
        }
        return new Segment(tags, where);
    }

    public boolean isEveryone() {
        return tags.isEmpty() && where.isEmpty();
    }

    /** Whether the row is in the segment (its status and suppression aside). */
    public boolean matches(Subscriber subscriber) {
        if (!tags.isEmpty() && subscriber.tags().stream().noneMatch(this::tagged)) {
            return false;
        }
        for (Map.Entry<String, String> condition : where.entrySet()) {
            if (!condition.getValue().equalsIgnoreCase(value(subscriber, condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private boolean tagged(String tag) {
        for (String wanted : tags) {
            if (wanted.equalsIgnoreCase(tag.strip())) {
                return true;
            }
        }
        return false;
    }

    /** The row's value in {@code column} (a normalised name), trimmed; "" when the row has none. */
    private static String value(Subscriber subscriber, String column) {
        String value = switch (column) {
            case Header.EMAIL -> subscriber.email().toString();
            case Header.NAME -> subscriber.name();
            case Header.STATUS -> subscriber.status().label();
            case Header.SUBSCRIBED_AT -> subscriber.subscribedAt();
            case Header.TAGS -> String.join(";", subscriber.tags());
            default -> subscriber.attributes().getOrDefault(column, "");
        };
        return value.strip();
    }

    /**
     * Refuses a {@code where} field the list's header does not have, naming the list file and its
     * columns: a typo would otherwise select no one, silently.
     *
     * @throws InvalidInputException for an unknown field
     */
    public void checkColumns(SubscriberFile list) {
        List<String> columns = list.columns();
        List<String> unknown = new ArrayList<>();
        for (String column : where.keySet()) {
            if (!columns.contains(column)) {
                unknown.add(column);
            }
        }
        if (!unknown.isEmpty()) {
            throw InvalidInputException.of(Problem.inFile(
                    list.path(),
                    "--where names " + (unknown.size() == 1 ? "a field" : "fields") + " this list does not have: "
                            + String.join(", ", unknown) + " (its columns: " + String.join(", ", columns) + ")"));
        }
    }

    /** "tagged alumni or phd, where role=student", or "" for everyone. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (!tags.isEmpty()) {
            parts.add("tagged " + String.join(" or ", tags));
        }
        if (!where.isEmpty()) {
            parts.add("where "
                    + where.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" and ")));
        }
        return String.join(", ", parts);
    }
}
