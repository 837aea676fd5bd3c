package dev.newsletter.subscriber;

import dev.newsletter.address.EmailAddress;
import java.util.List;
import java.util.Map;

/**
 * One row of a subscriber file. {@code attributes} holds the extra columns (header name → value),
 * which templates can use; {@code line} is where the row starts in its file, for messages.
 */
public record Subscriber(
        EmailAddress email,
        String name,
        Status status,
        String subscribedAt,
        List<String> tags,
        Map<String, String> attributes,
        long line) {

    public Subscriber {
        name = name == null ? "" : name;
        subscribedAt = subscribedAt == null ? "" : subscribedAt;
        tags = List.copyOf(tags);
        attributes = Map.copyOf(attributes);
    }

    /** A subscriber who is not in any file: the addresses of a test send. */
    public static Subscriber adHoc(EmailAddress email) {
        return new Subscriber(email, "", Status.ACTIVE, "", List.of(), Map.of(), 0);
    }
}
