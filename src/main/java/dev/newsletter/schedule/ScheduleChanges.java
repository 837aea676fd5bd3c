package dev.newsletter.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * What became of the config's schedules when the daemon put them in the store: ids added, changed
 * (they start afresh), kept (with their stored fire times) and removed (no longer in the config).
 */
public record ScheduleChanges(List<String> added, List<String> changed, List<String> kept, List<String> removed) {

    public ScheduleChanges {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        kept = List.copyOf(kept);
        removed = List.copyOf(removed);
    }

    /** {@code added a; kept b, c}, or {@code none}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        part(parts, "added ", added);
        part(parts, "changed (starting afresh) ", changed);
        part(parts, "removed (no longer in the config) ", removed);
        part(parts, "kept ", kept);
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static void part(List<String> parts, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            parts.add(what + String.join(", ", ids));
        }
    }
}
