package dev.newsletter.schedule.quartz;

import dev.newsletter.config.Config;
import dev.newsletter.config.ScheduleSettings;
import dev.newsletter.input.Problem;
import dev.newsletter.input.Problems;
import dev.newsletter.input.YamlFile;
import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.schedule.IssuePaths;
import dev.newsletter.subscriber.Segment;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quartz.CronExpression;
import org.quartz.TriggerKey;

/**
 * Reads {@code schedules:} from a loaded config and checks what the config loader cannot without
 * Quartz: every cron parses and fires again, and no schedule is written twice. Every problem is
 * reported at once, each with the file, line and column of the entry.
 */
public final class ConfiguredSchedules {
    private ConfiguredSchedules() {}

    /**
     * The config's schedules, validated.
     *
     * @param defaultZone the zone for entries without {@code timeZone} (the daemon's)
     * @param now to check that every cron fires again
     * @throws dev.newsletter.input.InvalidInputException naming every problem
     */
    public static List<ConfiguredSchedule> of(Config config, ZoneId defaultZone, Instant now) {
        List<ScheduleSettings> entries = config.schedules();
        if (entries.isEmpty()) {
            return List.of();
        }
        YamlFile<Object> yaml = YamlFile.read(config.file(), Object.class);
        Problems problems = new Problems();
        List<ConfiguredSchedule> schedules = new ArrayList<>();
        Map<String, Integer> perJob = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ScheduleSettings entry = entries.get(i);
            String at = "/schedules/" + i;
            Problem where = yaml.at(at, "");
            ZoneId zone = entry.timeZone() == null ? defaultZone : ZoneId.of(entry.timeZone());
            CronExpression cron;
            try {
                cron = Crons.parse(entry.cron(), zone);
            } catch (IllegalArgumentException e) {
                problems.add(yaml.at(at + "/cron", e.getMessage()));
                continue;
            }
            if (Crons.nextAfter(cron, now).isEmpty()) {
                problems.add(yaml.at(at + "/cron", "the cron '" + entry.cron().strip() + "' never fires again"));
                continue;
            }
            String issue = IssuePaths.fromConfig(config, entry.issue());
            String list = entry.list() == null ? config.newsletter().list() : entry.list();
            String location = location(where);
            Segment segment = new Segment(entry.tags(), entry.where());
            String definition =
                    issue + "\n" + list + "\n" + cron.getCronExpression() + "\n" + zone.getId() + "\n" + segment;
            String earlier = seen.putIfAbsent(definition, location);
            if (earlier != null) {
                problems.add(yaml.at(at, "the same schedule is already written at " + earlier));
                continue;
            }
            String segmentKey = segmentKey(segment);
            int n = perJob.merge(issue + "\n" + list + "\n" + segmentKey, 1, Integer::sum);
            TriggerKey key = ScheduleKeys.configTrigger(issue, list, segmentKey, n);
            schedules.add(new ConfiguredSchedule(
                    key.getName(), issue, list, cron.getCronExpression(), zone, location, segment));
        }
        problems.throwIfAny();
        return List.copyOf(schedules);
    }

    /**
     * The segment as text for its schedule's id, the same whatever the order its tags and conditions
     * are written in; "" for the whole list.
     */
    private static String segmentKey(Segment segment) {
        if (segment.isEveryone()) {
            return "";
        }
        return "tags=" + String.join("\n", segment.tags().stream().sorted().toList()) + "\nwhere="
                + new java.util.TreeMap<>(segment.where());
    }

    private static String location(Problem where) {
        String text = where.toString();
        return text.endsWith(": ") ? text.substring(0, text.length() - 2) : text;
    }
}
