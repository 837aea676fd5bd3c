package dev.newsletter.config;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code schedules:} — send an issue to a list on a Quartz cron (with seconds).
 *
 * @param tags only subscribers with any of these tags ({@code send --tag}); empty: no condition
 * @param where only subscribers whose column holds the value, for every entry ({@code send --where});
 *     empty: no condition
 */
public record ScheduleSettings(
        String issue, String list, String cron, String timeZone, List<String> tags, Map<String, String> where) {
    public ScheduleSettings {
        tags = tags == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tags));
        where = where == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(where));
    }

    /** An entry for the whole list. */
    public ScheduleSettings(String issue, String list, String cron, String timeZone) {
        this(issue, list, cron, timeZone, List.of(), Map.of());
    }
}
