package dev.newsletter.schedule.quartz;

import dev.newsletter.schedule.Firing;
import dev.newsletter.schedule.SchedulerUnavailableException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/** Between Quartz's view of a firing and ours: reads a {@link Firing} from a job's context, and hands firings on. */
final class QuartzFirings {
    private QuartzFirings() {}

    /** What fires, and when it was due. */
    static Firing of(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        String issue = data.getString(ScheduleKeys.ISSUE);
        String list = data.getString(ScheduleKeys.LIST);
        Trigger trigger = context.getTrigger();
        Instant scheduled = context.getScheduledFireTime().toInstant();
        String origin = data.containsKey(ScheduleKeys.ORIGIN)
                ? data.getString(ScheduleKeys.ORIGIN)
                : trigger.getKey().getName();
        String source = data.containsKey(ScheduleKeys.SOURCE) ? data.getString(ScheduleKeys.SOURCE) : Firing.ONCE;
        if (context.isRecovering()) {
            String original = data.getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_SCHEDULED_FIRETIME_IN_MILLISECONDS);
            Instant due = original == null ? scheduled : Instant.ofEpochMilli(Long.parseLong(original));
            if (data.containsKey(ScheduleKeys.DUE)) {
                due = Instant.ofEpochMilli(Long.parseLong(data.getString(ScheduleKeys.DUE)));
            }
            return new Firing(origin, source, Firing.Kind.RECOVERY, issue, list, due, scheduled);
        }
        String kind = data.containsKey(ScheduleKeys.KIND) ? data.getString(ScheduleKeys.KIND) : ScheduleKeys.ONCE_GROUP;
        Firing.Kind firingKind =
                kind.equals(ScheduleKeys.RESUME_GROUP) && Boolean.parseBoolean(data.getString(ScheduleKeys.SENT_SOME))
                        ? Firing.Kind.RESUME
                        : Firing.Kind.SCHEDULED;
        Instant due = switch (kind) {
            case ScheduleKeys.RESUME_GROUP -> Instant.ofEpochMilli(Long.parseLong(data.getString(ScheduleKeys.DUE)));
            case ScheduleKeys.CONFIG_GROUP -> cronDue(trigger, scheduled, context.getPreviousFireTime());
            default -> trigger.getStartTime().toInstant();
        };
        return new Firing(origin, source, firingKind, issue, list, due, scheduled);
    }

    /**
     * The due time of a cron firing: the latest cron time at or before the scheduled time and after
     * the previous firing. For an on-time firing that is the scheduled time itself; for a catch-up
     * that Quartz collapsed from missed firings ("fire once now"), the last one missed.
     */
    static Instant cronDue(Trigger trigger, Instant scheduled, Date previous) {
        if (!(trigger instanceof CronTrigger cronTrigger)) {
            return scheduled;
        }
        CronExpression cron = Crons.parse(
                cronTrigger.getCronExpression(), cronTrigger.getTimeZone().toZoneId());
        Instant after = previous != null
                ? previous.toInstant()
                : trigger.getStartTime().toInstant().minusMillis(1);
        return Crons.latestAtOrBefore(cron, scheduled, after).orElse(scheduled);
    }

    /**
     * Hands an interrupted firing on: a one-shot trigger, due now, for the same job. The next
     * daemon to start (or, clustered, another running one) fires it; the journal makes it send
     * only to those not yet done.
     */
    static String resume(Scheduler scheduler, JobKey job, Firing firing, boolean sentSome, Instant now) {
        TriggerKey key = ScheduleKeys.resumeTrigger(
                HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(key)
                .forJob(job)
                .startAt(Date.from(now))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .usingJobData(ScheduleKeys.KIND, ScheduleKeys.RESUME_GROUP)
                .usingJobData(ScheduleKeys.ORIGIN, firing.scheduleId())
                .usingJobData(ScheduleKeys.SOURCE, firing.source())
                .usingJobData(ScheduleKeys.DUE, Long.toString(firing.due().toEpochMilli()))
                .usingJobData(ScheduleKeys.SENT_SOME, Boolean.toString(sentSome))
                .build();
        try {
            scheduler.scheduleJob(trigger);
        } catch (SchedulerException e) {
            throw new SchedulerUnavailableException("cannot store the resume trigger", e);
        }
        return sentSome
                ? "the rest goes out when a daemon runs again (" + key.getName() + ")"
                : "it fires when a daemon runs again, if still within scheduler.misfireGrace (" + key.getName() + ")";
    }
}
