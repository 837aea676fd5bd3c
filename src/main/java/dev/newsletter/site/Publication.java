package dev.newsletter.site;

import dev.newsletter.issue.Issue;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/** Whether an issue goes on the site: not a draft, and not dated after today (by the clock). */
public final class Publication {
    private Publication() {}

    /** Why {@code issue} is not published, or empty when it is. */
    public static Optional<String> withheld(Issue issue, Clock clock) {
        if (issue.draft()) {
            return Optional.of("it is a draft (draft: true)");
        }
        LocalDate today = LocalDate.now(clock);
        if (issue.date().isAfter(today)) {
            return Optional.of("it is dated " + issue.date() + ", after today (" + today + ")");
        }
        return Optional.empty();
    }
}
