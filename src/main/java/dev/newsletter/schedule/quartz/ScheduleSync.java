package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.ConfiguredSchedule;
import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.ScheduleChanges;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * Puts the config's schedules into the store when the daemon starts. A schedule whose cron, zone,
 * issue and list are unchanged keeps its stored trigger, and with it the last and next fire times
 * that the misfire rule needs; a changed one is replaced (and starts afresh); one no longer in the
 * config is removed. Restarting never duplicates a schedule.
 */
final class ScheduleSync {
    private ScheduleSync() {}

    static ScheduleChanges sync(Scheduler scheduler, List<ConfiguredSchedule> schedules, Instant now) {
        try {
            Map<String, ConfiguredSchedule> wanted = new LinkedHashMap<>();
            schedules.forEach(s -> wanted.put(s.id(), s));
            List<String> added = new ArrayList<>();
            List<String> changed = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            for (TriggerKey key :
                    scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(ScheduleKeys.CONFIG_GROUP))) {
                if (!wanted.containsKey(key.getName())) {
                    scheduler.unscheduleJob(key);
                    removed.add(key.getName());
                }
            }
            for (ConfiguredSchedule schedule : wanted.values()) {
                TriggerKey key = TriggerKey.triggerKey(schedule.id(), ScheduleKeys.CONFIG_GROUP);
                Trigger stored = scheduler.getTrigger(key);
                if (stored != null && sameSchedule(stored, schedule)) {
                    kept.add(schedule.id());
                    continue;
                }
                scheduler.scheduleJob(job(schedule.issue(), schedule.list()), Set.of(trigger(schedule, now)), true);
                (stored == null ? added : changed).add(schedule.id());
            }
            return new ScheduleChanges(added, changed, kept, removed);
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot store the config's schedules", e);
        }
    }

    /** The job for an issue and list: recovered by another daemon if its own dies mid-send. */
    static JobDetail job(String issue, String list) {
        return JobBuilder.newJob(SendJob.class)
                .withIdentity(ScheduleKeys.job(issue, list))
                .withDescription("send " + issue + " to list " + list)
                .requestRecovery(true)
                .usingJobData(ScheduleKeys.ISSUE, issue)
                .usingJobData(ScheduleKeys.LIST, list)
                .build();
    }

    static Trigger trigger(ConfiguredSchedule schedule, Instant now) {
        JobKey job = ScheduleKeys.job(schedule.issue(), schedule.list());
        return TriggerBuilder.newTrigger()
                .withIdentity(schedule.id(), ScheduleKeys.CONFIG_GROUP)
                .forJob(job)
                .withDescription(schedule.where())
                .startAt(Date.from(now))
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.zone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .usingJobData(ScheduleKeys.KIND, ScheduleKeys.CONFIG_GROUP)
                .usingJobData(ScheduleKeys.ORIGIN, schedule.id())
                .usingJobData(ScheduleKeys.SOURCE, Firing.CONFIG)
                .usingJobData(ScheduleKeys.ZONE, schedule.zone().getId())
                .build();
    }

    static boolean sameSchedule(Trigger stored, ConfiguredSchedule schedule) {
        return stored instanceof CronTrigger cron
                && cron.getCronExpression().equals(schedule.cron())
                && cron.getTimeZone().getID().equals(schedule.zone().getId())
                && cron.getMisfireInstruction() == CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW
                && cron.getJobKey().equals(ScheduleKeys.job(schedule.issue(), schedule.list()));
    }
}
