package dev.newsletter.subscriber;

import java.util.List;
import java.util.Map;

/**
 * What {@code subscribers add} asks for: the address as typed, and the values of the other columns
 * ({@code fields} are extra columns by header name).
 */
public record NewSubscriber(String email, String name, Status status, List<String> tags, Map<String, String> fields) {
    public NewSubscriber {
        name = name == null ? "" : name;
        status = status == null ? Status.ACTIVE : status;
        tags = List.copyOf(tags);
        fields = Map.copyOf(fields);
    }
}
